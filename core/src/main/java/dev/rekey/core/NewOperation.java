package dev.rekey.core;

/**
 * An operation about to be recorded. {@code applierNode} is the only node that can apply it (the owner of a Memcached
 * auth file or a guest), or null when any node reaching the engine can.
 */
public record NewOperation(String instanceId, String tenant, OperationKind kind, String action, String requestId,
                           String applierNode, Operation.Work work) {
}
