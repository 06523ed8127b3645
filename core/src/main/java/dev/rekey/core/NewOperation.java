package dev.rekey.core;

import java.time.Duration;

/**
 * An operation about to be recorded. {@code applierNode} is the only node that can apply it (the owner of a Memcached
 * auth file or a guest), or null when any node reaching the engine can. {@code overlap} is the window a password
 * change keeps the old password working for (zero: none).
 */
public record NewOperation(String instanceId, String tenant, OperationKind kind, String action, String requestId,
                           String applierNode, Operation.Work work, Duration overlap) {

    public NewOperation(String instanceId, String tenant, OperationKind kind, String action, String requestId,
                        String applierNode, Operation.Work work) {
        this(instanceId, tenant, kind, action, requestId, applierNode, work, Duration.ZERO);
    }
}
