package dev.rekey.core;

import java.time.Clock;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Applies one CVM operation to its guest. A stopped spawned guest is reset offline (hash into its shadow file); a
 * running one is stopped (soft, then forced), started, and set through its agent; a channel guest is set online
 * through its agent. The $6$ hash is recorded before the guest is touched, so an interruption is settled from the
 * guest itself. Every step is fenced by the lease, and the instance's state is recorded with the operation's end.
 */
final class GuestApplier {
    private static final Logger LOG = Logger.getLogger(GuestApplier.class.getName());
    static final String INTERRUPTED = "the operation was interrupted because Rekey stopped before it ended";

    private final OperationStore operations;
    private final LeaseKeeper leases;
    private final AuditLog audit;
    private final Clock clock;

    GuestApplier(OperationStore operations, LeaseKeeper leases, AuditLog audit, Clock clock) {
        this.operations = operations;
        this.leases = leases;
        this.audit = audit;
        this.clock = clock;
    }

    /** Where the instance's modelled state stands while the operation moves it; recorded at the end whatever happens. */
    private final class Steps {
        private final Lease lease;
        private CvmInstanceState outcome;

        Steps(Lease lease, CvmInstanceState start) {
            this.lease = lease;
            this.outcome = start;
        }

        void enter(CvmInstanceState state) {
            operations.cvmState(lease, state);
        }

        void outcome(CvmInstanceState state) {
            outcome = state;
        }

        void fence() {
            leases.beforeEngineStep(lease);
        }
    }

    /** {@code from}: the instance's state before the operation; {@code password}: a reset's new password. */
    Operation apply(Operation op, Lease lease, GuestMachine machine, Secret password, CvmInstanceState from) {
        leases.hold(lease);
        var steps = new Steps(lease, from);
        try {
            String proof = switch (op.kind()) {
                case GUEST_PASSWORD -> reset(op, machine, steps, password);
                case GUEST_STOP -> stop(machine, steps, op.work().stopType());
                case GUEST_START -> start(machine, steps);
                case ENGINE_PASSWORD -> throw new IllegalArgumentException("not a guest operation: " + op.id());
            };
            return end(op, lease, OperationState.SUCCEEDED, "", proof, steps.outcome, "succeeded");
        } catch (EngineException e) {
            return end(op, lease, OperationState.FAILED, e.getMessage(), null, steps.outcome, "failed: " + e.getMessage());
        } catch (LeaseLostException e) {
            LOG.warning("operation " + op.id() + ": " + e.getMessage() + "; stopped without touching the guest again");
            return operations.find(op.id()).orElseThrow();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, op.action() + " on " + op.instanceId() + " failed unexpectedly, RequestId " + op.requestId(), e);
            return end(op, lease, OperationState.FAILED, "internal error (" + e.getClass().getSimpleName() + "); RequestId "
                    + op.requestId() + " is in the server log", null,
                    steps.outcome, "failed unexpectedly");
        } finally {
            leases.release(lease);
        }
    }

    /**
     * Settles an operation cut short (its node stopped or lost the lease): an interrupted reset whose hash was
     * recorded is SUCCEEDED if the guest holds exactly that hash, FAILED otherwise (or when the guest cannot be read
     * so); a power operation is FAILED. A transition Rekey was making ends where it was going.
     */
    Operation recover(Operation op, Lease lease, GuestMachine machine, CvmInstanceState now) {
        leases.hold(lease);
        try {
            CvmInstanceState settled = switch (now) {
                case STOPPING -> CvmInstanceState.STOPPED;
                case STARTING -> CvmInstanceState.RUNNING;
                default -> now;
            };
            String user = op.work().targetUser();
            String hash = op.work().pendingHash();
            boolean applied = op.kind() == OperationKind.GUEST_PASSWORD && user != null && hash != null
                    && machine.holds(user, hash).orElse(false);
            return applied
                    ? end(op, lease, OperationState.SUCCEEDED, "", "after a restart: the shadow entry holds exactly the $6$ hash Rekey sent",
                    settled, "completed after an interruption")
                    : end(op, lease, OperationState.FAILED, INTERRUPTED, null, settled, "failed: interrupted");
        } finally {
            leases.release(lease);
        }
    }

    private Operation end(Operation op, Lease lease, OperationState state, String message, String proof,
                          CvmInstanceState cvmState, String audited) {
        String code = state == OperationState.FAILED ? ErrorCode.ENGINE_UNAVAILABLE.name() : null;
        Operation ended = operations.finish(lease, new OperationStore.Ending(state,
                new Operation.Result(message, code, null, proof == null || proof.isEmpty() ? List.of()
                        : List.of(Proof.of(Proof.CHANGE, proof))), null, cvmState));
        audit.record(new AuditEntry(clock.instant(), op.tenant(), "guest-worker", op.action(), op.instanceId(),
                "operation " + op.id() + " " + audited, op.requestId()));
        return ended;
    }

    private String reset(Operation op, GuestMachine machine, Steps steps, Secret password) throws EngineException {
        String user = op.work().targetUser();
        String hash = machine.crypt(password);
        operations.pendingHash(steps.lease, hash);
        steps.fence();
        if (!machine.powerControlled()) return machine.setPassword(user, hash); // no hypervisor: online, agent-confirmed
        if (steps.outcome == CvmInstanceState.STOPPED) return machine.setPasswordOffline(user, hash);
        steps.enter(CvmInstanceState.STOPPING);
        steps.fence();
        if (!(machine.stop(false) || machine.stop(true))) {
            throw new EngineException("the guest did not stop, not even when killed; the password is unchanged");
        }
        steps.outcome(CvmInstanceState.STOPPED); // a failed start leaves it stopped
        steps.enter(CvmInstanceState.STARTING);
        steps.fence();
        machine.start();
        steps.outcome(CvmInstanceState.RUNNING); // the agent is up: RUNNING, whether or not the set succeeds
        steps.fence();
        return machine.setPassword(user, hash);
    }

    private static String stop(GuestMachine machine, Steps steps, StopType type) throws EngineException {
        steps.outcome(CvmInstanceState.RUNNING); // until the process is known to have ended
        if (!machine.powerControlled()) {
            steps.outcome(CvmInstanceState.STOPPED);
            return "";
        }
        steps.fence();
        boolean ended = switch (type) {
            case SOFT -> machine.stop(false);
            case HARD -> machine.stop(true);
            case SOFT_FIRST -> machine.stop(false) || machine.stop(true);
        };
        if (!ended) {
            throw new EngineException("the guest did not end after SIGTERM" + (type == StopType.SOFT
                    ? "; StopType HARD or SOFT_FIRST forces it" : " and SIGKILL"));
        }
        steps.outcome(CvmInstanceState.STOPPED);
        return "";
    }

    private static String start(GuestMachine machine, Steps steps) throws EngineException {
        steps.outcome(CvmInstanceState.STOPPED); // until the agent answers
        steps.fence();
        if (machine.powerControlled()) machine.start();
        steps.outcome(CvmInstanceState.RUNNING);
        return "";
    }
}
