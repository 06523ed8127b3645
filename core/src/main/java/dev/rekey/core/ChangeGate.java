package dev.rekey.core;


/**
 * Called before every step a change takes on a node. Throwing stops the change, which is then rolled back like any
 * other failure: the caller can check a fenced lease here, and a test can kill a node at an exact point.
 */
@FunctionalInterface
public interface ChangeGate {

    ChangeGate OPEN = step -> { };

    void before(Step step) throws EngineException;

    /** {@code node} is {@code host:port}. */
    record Step(Phase phase, String node) {
    }

    /** The steps of a change, in the order they run. */
    enum Phase {
        /** The account accepts the union of what it had and what it will have. */
        WIDEN,
        /** A replica's masterauth moves to the new password. */
        REPLICA_AUTH,
        /** A Sentinel's auth-pass moves to the new password. */
        SENTINEL_AUTH,
        /** The account accepts exactly its target. */
        NARROW,
        /** The state is saved so that it survives a restart. */
        PERSIST
    }
}
