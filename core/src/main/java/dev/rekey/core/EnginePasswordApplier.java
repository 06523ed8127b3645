package dev.rekey.core;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
    Operation apply(Operation op, Lease lease, PasswordEngine unfenced, EngineState before, Secret next, Secret old) {
        leases.hold(lease);
        PasswordEngine engine = fenced(unfenced, lease);
        try {
            Step outcome = change(op, lease, engine, before, next, old);
            if (outcome == null) {
                // Neither the new nor the old state is confirmed: give the claim up so recovery settles it from the engine.
                operations.release(lease);
                return operations.find(op.id()).orElseThrow();
            }
            if (outcome.state() == OperationState.OVERLAP) return openWindow(op, lease, outcome, next, old);
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
     * operation is completed when it holds the recorded new fingerprint, and rolled back otherwise (a change that
     * stopped half-way into its overlap window included: its caller was never told it succeeded).
     */
    Operation recover(Operation op, Lease lease, PasswordEngine unfenced) throws EngineException {
        leases.hold(lease);
        PasswordEngine engine = fenced(unfenced, lease);
        try {
            leases.beforeEngineStep(lease);
            EngineState now = engine.read();
            Step outcome;
            if (now.holdsExactly(op.work().newFingerprint())) {
                leases.beforeEngineStep(lease);
                engine.persist();
                outcome = new Step(OperationState.SUCCEEDED, "", Proof.of(Proof.CHANGE,
                        "after an interruption: the engine holds exactly the new password"));
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

    /**
     * The end of an overlap window: every node drops the old password (or, when an operator asked to roll back, takes
     * the previous state again), the state is persisted and proven by fresh logins. A failure leaves the window open
     * (both passwords still work) and gives the claim up: the next round tries again.
     */
    Operation endWindow(Operation op, Lease lease, PasswordEngine unfenced) throws EngineException {
        leases.hold(lease);
        PasswordEngine engine = fenced(unfenced, lease);
        try {
            RequestSecrets secrets = RequestSecrets.decode(box.open(op.work().sealedRequest()));
            Secret next = secrets.newPassword();
            Secret old = secrets.oldPassword();
            if (op.window().rollBack()) {
                EngineState before = EngineStateCodec.decode(box.open(op.work().sealedPrevious()));
                leases.beforeEngineStep(lease);
                engine.restore(before);
                leases.beforeEngineStep(lease);
                engine.persist();
                leases.beforeEngineStep(lease);
                RotationProof logins = engine.prove(next, old);
                boolean newRefused = logins.nodes().stream().allMatch(n -> n.next() == Login.REFUSED);
                if (!newRefused || (old != null && !logins.oldAcceptedEverywhere())) {
                    throw new EngineException("the roll-back is not in force everywhere: " + logins.describe().strip());
                }
                return finish(op, lease, new Step(OperationState.FAILED, "rolled back within its overlap window by an"
                        + " operator; the previous password is in force again", new Proof(Proof.WINDOW,
                        "the new password is refused" + (old != null ? " and the previous one accepted" : "")
                                + " on every node", logins)), "window");
            }
            leases.beforeEngineStep(lease);
            engine.removeOtherPasswords(next);
            leases.beforeEngineStep(lease);
            engine.persist();
            RotationProof logins = proveOrFail(engine, lease, next, old, true, false);
            if (old != null && !logins.oldRefusedEverywhere()) {
                throw new EngineException("the old password is still accepted: " + logins.describe().strip());
            }
            return finish(op, lease, new Step(OperationState.SUCCEEDED, "", new Proof(Proof.WINDOW,
                    "the overlap window ended: only the new password is accepted on every node", logins)), "window");
        } catch (EngineException e) {
            LOG.log(Level.WARNING, "operation " + op.id() + ": the overlap window could not end yet, both passwords still"
                    + " work; retrying: " + e.getMessage());
            operations.release(lease);
            throw e;
        } finally {
            leases.release(lease);
        }
    }

    /**
     * The engine with every node's step of a change fenced by the lease: a lease lost in the middle of a deployment's
     * change stops it at once (the node that claimed the operation settles it from what the engine holds).
     */
    private PasswordEngine fenced(PasswordEngine engine, Lease lease) {
        return engine.gated(step -> leases.beforeEngineStep(lease));
    }

    /** {@code proof} is the stage just verified; OVERLAP means the window is to open now. */
    private record Step(OperationState state, String message, Proof proof) {
    }

    private Operation openWindow(Operation op, Lease lease, Step step, Secret next, Secret old) {
        Instant due = clock.instant().plus(op.window().overlap());
        String sealed = op.work().sealedRequest() != null ? op.work().sealedRequest()
                : box.seal(new RequestSecrets(old, next).encode());
        Operation open = operations.enterWindow(lease, due, step.proof(), sealed);
        audit.record(new AuditEntry(clock.instant(), op.tenant(), "applier", op.action(), op.instanceId(),
                "operation " + op.id() + " succeeded, verified; the old password works until " + due, op.requestId()));
        return open;
    }

    private Operation finish(Operation op, Lease lease, Step step, String actor) {
        Boolean passwordFree = step.state() == OperationState.SUCCEEDED
                ? EngineState.NOPASS.equals(op.work().newFingerprint()) : null;
        if (step.state() == OperationState.FAILED && Proof.WINDOW.equals(step.proof() == null ? null : step.proof().stage())) {
            passwordFree = EngineStateCodec.decode(box.open(op.work().sealedPrevious())).passwordFree();
        }
        String code = step.state() == OperationState.FAILED ? ErrorCode.ENGINE_UNAVAILABLE.name() : null;
        var proofs = new ArrayList<>(op.result().proofs());
        if (step.proof() != null) proofs.add(step.proof());
        Operation ended = operations.finish(lease, new OperationStore.Ending(step.state(),
                new Operation.Result(step.message(), code, null, proofs), passwordFree, null));
        audit.record(new AuditEntry(clock.instant(), op.tenant(), actor, op.action(), op.instanceId(),
                step.state() == OperationState.SUCCEEDED ? "operation " + op.id() + " succeeded, verified"
                        : "operation " + op.id() + " failed: " + step.message(), op.requestId()));
        return ended;
    }

    private Step change(Operation op, Lease lease, PasswordEngine engine, EngineState before, Secret next, Secret old) {
        boolean window = next != null && op.window().open();
        try {
            leases.beforeEngineStep(lease);
            if (next == null) engine.makePasswordFree();
            else if (window) engine.addPassword(next);
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
            Proof proof = verify(engine, lease, op, next, old, window);
            return new Step(window ? OperationState.OVERLAP : OperationState.SUCCEEDED, "", proof);
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

    /**
     * "Verified" always means: fresh connections on every node proved which passwords the engine accepts. Without a
     * window the old password is refused and the account holds nothing else; within one, both are accepted.
     */
    private Proof verify(PasswordEngine engine, Lease lease, Operation op, Secret next, Secret old, boolean window)
            throws EngineException {
        if (next == null) {
            leases.beforeEngineStep(lease);
            engine.verify(null, null);
            return Proof.of(Proof.CHANGE, "a fresh connection logs in without a password");
        }
        Secret other = old == null || old.sameAs(next) ? null : old;
        RotationProof logins = proveOrFail(engine, lease, next, other, true, window ? other != null : false);
        if (!window && other != null && !logins.oldRefusedEverywhere()) {
            throw new EngineException("the old password is still accepted: " + logins.describe().strip());
        }
        if (!window) {
            leases.beforeEngineStep(lease);
            if (!engine.read().holdsExactly(op.work().newFingerprint())) {
                throw new EngineException("the engine holds other passwords than the one just set");
            }
        }
        return new Proof(Proof.CHANGE, window
                ? "fresh connections: the new password and the old one are accepted on every node (overlap window)"
                : "fresh connections: the new password is accepted" + (other != null ? ", the old one refused" : "")
                + " on every node; the account holds no other password", logins);
    }

    /** Fresh logins on every node; fails unless {@code accepted} works everywhere (and {@code alsoAccepted} too). */
    private RotationProof proveOrFail(PasswordEngine engine, Lease lease, Secret accepted, Secret other,
                                      boolean requireAccepted, boolean requireOtherAccepted) throws EngineException {
        leases.beforeEngineStep(lease);
        RotationProof logins = engine.prove(accepted, other);
        if (requireAccepted && !logins.nextAcceptedEverywhere()) {
            throw new EngineException("the password just set is not accepted everywhere: " + logins.describe().strip());
        }
        if (requireOtherAccepted && !logins.oldAcceptedEverywhere()) {
            throw new EngineException("the other password is not accepted everywhere: " + logins.describe().strip());
        }
        return logins;
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
