package dev.rekey.core;

/** What kind of real system holds an instance's credential. */
public enum EngineKind {
    REDIS, MEMCACHED, GUEST;

    /**
     * Whether only the node that spawned the engine can change it (it alone holds a Memcached's auth file or a guest's
     * agent); a Redis is reached over the network by every node.
     */
    public boolean ownerBound() {
        return this != REDIS;
    }
}
