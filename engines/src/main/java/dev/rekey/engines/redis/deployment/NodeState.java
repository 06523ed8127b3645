package dev.rekey.engines.redis.deployment;

import dev.rekey.core.EngineState;
import dev.rekey.core.Secret;

/** What one data node held when a change started: the account's access, its role, its replication login. */
record NodeState(Endpoint node, EngineState access, boolean replica, ReplicationLogin replication) {

    /** Whether this node's replication can log in once every node holds {@code finalAccess}. */
    boolean replicationAccepted(EngineState finalAccess, Secret finalMasterAuth) {
        if (!replica || !replication.managed()) return true;
        Secret masterAuth = finalMasterAuth != null ? finalMasterAuth : replication.masterAuth();
        return finalAccess.passwordFree() || (!masterAuth.isEmpty() && finalAccess.accepts(masterAuth));
    }
}
