package dev.rekey.core;

import java.util.Optional;

/**
 * What an operator can do with an open overlap window (through the admin API and CLI): see which clients still use
 * the old password, end the window early, or roll back within it. Ending and rolling back make the window due now;
 * the same worker step that ends a window on time then does the work, on whichever node reaches the engine.
 */
public final class RotationWindows {
    private final InstanceStore instances;
    private final OperationStore operations;
    private final Engines engines;

    public RotationWindows(InstanceStore instances, OperationStore operations, Engines engines) {
        this.instances = instances;
        this.operations = operations;
        this.engines = engines;
    }

    /** Ends the window now: the old password stops working. False when the operation has no open window. */
    public boolean finishEarly(long operationId) {
        return operations.endWindowNow(operationId, false);
    }

    /** Puts the previous password back everywhere and ends the window (the operation ends FAILED, rolled back). */
    public boolean rollBack(long operationId) {
        return operations.endWindowNow(operationId, true);
    }

    /**
     * The clients that may still use the old password, where the engine can tell (a Redis deployment: connections
     * opened before the change, refused logins since): empty when the operation has no open window or its engine
     * cannot tell or is not reachable from this node.
     */
    public Optional<PasswordUse> oldPasswordUse(long operationId) throws EngineException {
        Optional<Operation> op = operations.find(operationId).filter(o -> o.state() == OperationState.OVERLAP);
        if (op.isEmpty()) return Optional.empty();
        Optional<Instance> instance = instances.find(op.get().instanceId());
        Optional<PasswordEngine> engine = instance.flatMap(engines::local);
        if (engine.isEmpty() || !(engine.get() instanceof OldPasswordTelemetry telemetry)) return Optional.empty();
        var changedAt = op.get().result().proofs().stream().filter(p -> p.logins() != null).findFirst()
                .map(p -> p.logins().at()).orElse(op.get().createdAt());
        return Optional.of(telemetry.passwordUse(changedAt, null));
    }
}
