package dev.rekey.core;

import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Applies an accepted password operation to its engine: change, persist, verify with fresh connections; on any
 * failure of the change or after it, the previous state is put back before the operation is marked failed, so no
 * instance is left with a password nobody knows. Every engine step and every write is fenced by the lease: a node that
 * lost it stops where it is and leaves the operation to the node that claimed it.
 */
final class EnginePasswordApplier {
    private static final Logger LOG = Logger.getLogger(EnginePasswordApplier.class.getName());
    private final OperationStore operations;
    private final LeaseKeeper leases;
    private final AuditLog audit;
    private final SecretBox box;
    private final Clock clock;

    EnginePasswordApplier(OperationStore operations, LeaseKeeper leases, AuditLog audit, SecretBox box, Clock clock) {
        this.operations = operations;
        this.leases = leases;
        this.audit = audit;
        this.box = box;
        this.clock = clock;
    }

    /** Applies {@code op} under {@code lease}; returns the operation as it ended (or as another node left it). */
    Operation apply(Operation op, Lease lease, PasswordEngine engine, EngineState before, Secret next, Secret old) {
        leases.hold(lease);
        try {
            Step outcome = change(op, lease, engine, before, next, old);
            if (outcome == null) {
                // Neither the new nor the old state is confirmed: give the claim up so recovery settles it from the engine.
                operations.release(lease);
                return operations.find(op.id()).orElseThrow();
            }
            return finish(op, lease, outcome, "applier");
        } catch (LeaseLostException e) {
            LOG.warning("operation " + op.id() + ": " + e.getMessage() + "; stopped without touching the engine again");
            return operations.find(op.id()).orElseThrow();
        } finally {
            leases.release(lease);
        }
    }

    /**
     * Settles an operation whose applier died or was cut off: the engine is asked which password it holds; the
     * operation is completed when it holds the recorded new fingerprint, and rolled back otherwise.
     */
    Operation recover(Operation op, Lease lease, PasswordEngine engine) throws EngineException {
        leases.hold(lease);
        try {
            leases.beforeEngineStep(lease);
            EngineState now = engine.read();
            Step outcome;
            if (now.holdsExactly(op.work().newFingerprint())) {
                leases.beforeEngineStep(lease);
                engine.persist();
                outcome = new Step(OperationState.SUCCEEDED, "", "after an interruption: the engine holds exactly the new password");
            } else {
                EngineState before = EngineStateCodec.decode(box.open(op.work().sealedPrevious()));
                leases.beforeEngineStep(lease);
                engine.restore(before);
                leases.beforeEngineStep(lease);
                engine.persist();
                outcome = new Step(OperationState.FAILED, "the change was interrupted; the previous password was kept", null);
            }
            return finish(op, lease, outcome, "recovery");
        } finally {
            leases.release(lease);
        }
    }

    private record Step(OperationState state, String message, String proof) {
    }

    private Operation finish(Operation op, Lease lease, Step step, String actor) {
        Boolean passwordFree = step.state() == OperationState.SUCCEEDED
                ? EngineState.NOPASS.equals(op.work().newFingerprint()) : null;
        String code = step.state() == OperationState.FAILED ? ErrorCode.ENGINE_UNAVAILABLE.name() : null;
        Operation ended = operations.finish(lease, new OperationStore.Ending(step.state(),
                new Operation.Result(step.message(), code, null, step.proof()), passwordFree, null));
        audit.record(new AuditEntry(clock.instant(), op.tenant(), actor, op.action(), op.instanceId(),
                step.state() == OperationState.SUCCEEDED ? "operation " + op.id() + " succeeded, verified"
                        : "operation " + op.id() + " failed: " + step.message(), op.requestId()));
        return ended;
    }

    private Step change(Operation op, Lease lease, PasswordEngine engine, EngineState before, Secret next, Secret old) {
        try {
            leases.beforeEngineStep(lease);
            if (next == null) engine.makePasswordFree();
            else engine.replace(next);
        } catch (EngineException e) {
            // A change that reports failure may still have landed (a memcached auth file written whose reload was
            // not seen, a Redis reply lost): put the previous state back rather than assume nothing happened.
            return rollBack(lease, engine, before, false, e);
        } catch (RuntimeException e) {
            if (e instanceof LeaseLostException) throw e;
            return unexpected(op, lease, engine, before, e);
        }
        boolean persisted = false;
        try {
            leases.beforeEngineStep(lease);
            engine.persist();
            persisted = true;
            leases.beforeEngineStep(lease);
            String proof = verify(engine, op, next, old);
            return new Step(OperationState.SUCCEEDED, "", proof);
        } catch (EngineException e) {
            return rollBack(lease, engine, before, persisted, e);
        } catch (RuntimeException e) {
            if (e instanceof LeaseLostException) throw e;
            return unexpected(op, lease, engine, before, e);
        }
    }

    private Step unexpected(Operation op, Lease lease, PasswordEngine engine, EngineState before, RuntimeException e) {
        LOG.log(Level.SEVERE, "operation " + op.id() + " failed unexpectedly", e);
        return rollBack(lease, engine, before, true, new EngineException("internal error: " + e.getClass().getSimpleName()));
    }

    /** "Verified" always means: fresh connections proved which passwords the engine accepts, and nothing else remains. */
    private static String verify(PasswordEngine engine, Operation op, Secret next, Secret old) throws EngineException {
        Secret rejected = old == null || (next != null && old.sameAs(next)) ? null : old;
        engine.verify(next, rejected);
        if (!engine.read().holdsExactly(op.work().newFingerprint())) {
            throw new EngineException("the engine holds other passwords than the one just set");
        }
        return "fresh connections: the new password is accepted" + (rejected != null ? ", the old one refused" : "")
                + "; the account holds no other password";
    }

    /**
     * Puts the previous state back on the live engine; it is persisted again only if the change itself had been
     * persisted (otherwise what the engine would load on restart is still the previous state). Returns null when the
     * rollback failed too, so recovery settles the operation from the engine later.
     */
    private Step rollBack(Lease lease, PasswordEngine engine, EngineState before, boolean changePersisted, EngineException cause) {
        try {
            leases.beforeEngineStep(lease);
            engine.restore(before);
            if (changePersisted) {
                leases.beforeEngineStep(lease);
                engine.persist();
            }
            return new Step(OperationState.FAILED, "the change could not be verified (" + cause.getMessage()
                    + "); the previous password was restored", null);
        } catch (EngineException e) {
            LOG.log(Level.SEVERE, "rollback failed, left for recovery: " + e.getMessage());
            return null;
        }
    }
}
