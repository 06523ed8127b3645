package dev.rekey.core;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What every CVM batch action shares: find all instances, claim all of them or none, then run each instance's work
 * in parallel on virtual threads and record its outcome. Nothing touches a guest before every id has been checked
 * and claimed.
 */
final class GuestBatch {
    private static final Logger LOG = Logger.getLogger(GuestBatch.class.getName());

    /** One instance's work; returns how a password change was verified ("" for power actions). */
    @FunctionalInterface
    interface Work {
        String run(CvmInstance target, GuestMachine machine, GuestSteps steps) throws EngineException;
    }

    private final InstanceStore instances;
    private final CvmRecords records;
    private final GuestFleet fleet;
    private final AuditLog audit;
    private final Clock clock;
    private final TaskRunner runner;

    GuestBatch(InstanceStore instances, GuestFleet fleet, AuditLog audit, Clock clock, TaskRunner runner) {
        this.instances = instances;
        this.records = new CvmRecords(instances);
        this.fleet = fleet;
        this.audit = audit;
        this.clock = clock;
        this.runner = runner;
    }

    /** Every instance of the batch as its tenant may see it; unknown ids (or another tenant's) are named together. */
    List<CvmInstance> load(GuestBatchRequest r) {
        var found = new ArrayList<CvmInstance>();
        var missing = new ArrayList<String>();
        for (String id : r.instanceIds()) {
            instances.find(id).filter(i -> i.visibleTo(r.tenant(), Product.TENCENT_CVM, r.region()))
                    .ifPresentOrElse(i -> found.add(CvmInstance.of(i)), () -> missing.add(id));
        }
        if (!missing.isEmpty()) {
            throw new FailureException(ErrorCode.INSTANCE_NOT_FOUND, "the instance" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + (missing.size() > 1 ? " do" : " does") + " not exist in "
                    + r.region() + "; nothing was changed");
        }
        return found;
    }

    /** A running operation blocks every other: the same job (a reset) or a power operation in progress. */
    static void refuseIfOperating(CvmInstance i) {
        if (!i.latest().operating()) return;
        String action = i.latest().action();
        if (GuestPasswordResets.ACTION.equals(action)) {
            throw new CvmFailureException(new CvmFailure.TaskRunning(i.id(), "a ResetInstancesPassword on " + i.id()
                    + " (RequestId " + i.latest().requestId() + ") is still OPERATING; retry when it has ended"));
        }
        throw new CvmFailureException(new CvmFailure.OperationInProgress(i.id(), action, "the instance " + i.id()
                + " has a " + action + " in progress (RequestId " + i.latest().requestId() + "); retry when it has ended"));
    }

    static CvmFailureException stateRefused(CvmInstance i, String why) {
        return new CvmFailureException(new CvmFailure.InstanceStateRefused(i.id(), i.state(),
                "the instance " + i.id() + " is " + i.state() + ": " + why));
    }

    /**
     * Checks every instance first (so the first refusal is reported before anything changes), then claims each under
     * its row lock with the same check; if a claim is refused (another request was faster), the claims made so far
     * are put back and the refusal is answered. Returns the instances as their claims found them.
     */
    List<CvmInstance> claimAll(List<CvmInstance> targets, Consumer<CvmInstance> check, String action, String requestId,
                  Map<String, String> alsoWrite) {
        targets.forEach(check);
        var claimed = new LinkedHashMap<String, CvmRecords.Claim>();
        try {
            for (CvmInstance t : targets) claimed.put(t.id(), records.claim(t.id(), check, action, requestId, alsoWrite));
        } catch (RuntimeException refused) {
            claimed.forEach((id, claim) -> records.unclaim(id, claim.previous()));
            throw refused;
        }
        return claimed.values().stream().map(CvmRecords.Claim::found).toList();
    }

    /** Runs {@code work} for every claimed instance in parallel; each outcome is recorded on its own. */
    BatchAccepted run(GuestBatchRequest r, String action, List<CvmInstance> targets, Work work) {
        var each = new ArrayList<CompletableFuture<Void>>();
        for (CvmInstance t : targets) {
            record(r, action, t.id(), "accepted");
            each.add(runner.submit(() -> {
                runOne(r, action, t, work);
                return null;
            }));
        }
        var all = CompletableFuture.allOf(each.toArray(CompletableFuture[]::new));
        return new BatchAccepted(r.requestId(), r.instanceIds(), all);
    }

    private void runOne(GuestBatchRequest r, String action, CvmInstance target, Work work) {
        var steps = new GuestSteps(records, target.id(), target.state());
        try {
            String verified = work.run(target, fleet.machine(target.instance()), steps);
            records.finish(target.id(), steps.outcome(), LatestOperation.State.SUCCESS, "", verified);
            record(r, action, target.id(), verified.isEmpty() ? "succeeded" : "succeeded, verified: " + verified);
        } catch (EngineException e) {
            fail(r, action, target, steps, e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, action + " on " + target.id() + " failed unexpectedly, RequestId " + r.requestId(), e);
            fail(r, action, target, steps, "internal error (" + e.getClass().getSimpleName() + "); RequestId "
                    + r.requestId() + " is in the server log");
        }
    }

    private void fail(GuestBatchRequest r, String action, CvmInstance target, GuestSteps steps, String message) {
        records.finish(target.id(), steps.outcome(), LatestOperation.State.FAILED, message, null);
        record(r, action, target.id(), "failed: " + message);
    }

    void refused(GuestBatchRequest r, String action, CvmFailure failure) {
        String instanceId = switch (failure) {
            case CvmFailure.InstanceStateRefused s -> s.instanceId();
            case CvmFailure.TaskRunning t -> t.instanceId();
            case CvmFailure.OperationInProgress o -> o.instanceId();
            case CvmFailure.Common c -> r.instanceIds().isEmpty() ? null : r.instanceIds().getFirst();
        };
        String code = failure instanceof CvmFailure.Common c ? c.failure().code().name() : failure.getClass().getSimpleName();
        record(r, action, instanceId, "refused: " + code);
    }

    private void record(GuestBatchRequest r, String action, String instanceId, String outcome) {
        audit.record(new AuditEntry(clock.instant(), r.tenant(), r.actor(), action, instanceId, outcome, r.requestId()));
    }
}
