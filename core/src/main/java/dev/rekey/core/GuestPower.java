package dev.rekey.core;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * CVM StopInstances and StartInstances. A spawned guest's power is its agent process: SOFT sends SIGTERM, HARD
 * SIGKILL, SOFT_FIRST SIGTERM and then SIGKILL after the wait; start runs the agent again. A channel guest has no
 * hypervisor here, so only its modelled state changes.
 */
public final class GuestPower {
    public static final String STOP = "StopInstances";
    public static final String START = "StartInstances";

    private final GuestBatch batch;

    public GuestPower(InstanceStore instances, GuestFleet fleet, AuditLog audit, Clock clock, TaskRunner runner) {
        this.batch = new GuestBatch(instances, fleet, audit, clock, runner);
    }

    /** {@code stoppedMode} (KEEP_CHARGING or STOP_CHARGING) is accepted and shown as StopChargingMode. */
    public CvmOutcome<BatchAccepted> stop(GuestBatchRequest r, StopType type, String stoppedMode) {
        return refusalsAudited(r, STOP, CvmOutcome.of(() -> {
            List<CvmInstance> targets = batch.load(r);
            List<CvmInstance> claimed = batch.claimAll(targets, t -> require(t, CvmInstanceState.RUNNING, "StopInstances needs a RUNNING instance"),
                    STOP, r.requestId(), Map.of(CvmAttributes.STATE, CvmInstanceState.STOPPING.name(),
                            CvmAttributes.STOP_CHARGING_MODE, stoppedMode));
            return batch.run(r, STOP, claimed, (target, machine, steps) -> stopOne(machine, steps, type));
        }));
    }

    public CvmOutcome<BatchAccepted> start(GuestBatchRequest r) {
        return refusalsAudited(r, START, CvmOutcome.of(() -> {
            List<CvmInstance> targets = batch.load(r);
            List<CvmInstance> claimed = batch.claimAll(targets, t -> require(t, CvmInstanceState.STOPPED, "StartInstances needs a STOPPED instance"),
                    START, r.requestId(), Map.of(CvmAttributes.STATE, CvmInstanceState.STARTING.name(),
                            CvmAttributes.STOP_CHARGING_MODE, "NOT_APPLICABLE"));
            return batch.run(r, START, claimed, (target, machine, steps) -> startOne(machine, steps));
        }));
    }

    private CvmOutcome<BatchAccepted> refusalsAudited(GuestBatchRequest r, String action, CvmOutcome<BatchAccepted> o) {
        if (o instanceof CvmOutcome.Refused<BatchAccepted> refused) batch.refused(r, action, refused.failure());
        return o;
    }

    private static void require(CvmInstance t, CvmInstanceState needed, String why) {
        GuestBatch.refuseIfOperating(t);
        if (t.state() != needed) throw GuestBatch.stateRefused(t, why);
    }

    private static String stopOne(GuestMachine machine, GuestSteps steps, StopType type) throws EngineException {
        steps.outcome(CvmInstanceState.RUNNING); // until the process is known to have ended
        if (!machine.powerControlled()) {
            steps.outcome(CvmInstanceState.STOPPED);
            return "";
        }
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

    private static String startOne(GuestMachine machine, GuestSteps steps) throws EngineException {
        steps.outcome(CvmInstanceState.STOPPED); // until the agent answers
        if (machine.powerControlled()) machine.start();
        steps.outcome(CvmInstanceState.RUNNING);
        return "";
    }
}
