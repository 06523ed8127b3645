package dev.rekey.core;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * CVM ResetInstancesPassword, StopInstances and StartInstances on real guests. A batch is checked whole (existence,
 * password rules for the batch's operating systems, busy instances, states) and recorded in one short transaction,
 * one operation per instance, before any guest is touched; then each operation is applied in parallel by the node
 * that owns its guest (this one, or another whose worker takes it from the store). The request's audit record is
 * its caller's (the API pipeline's); how each operation ends is recorded by {@link GuestApplier}.
 */
public final class CvmOperations {
    public static final String RESET = "ResetInstancesPassword";
    public static final String STOP = "StopInstances";
    public static final String START = "StartInstances";

    private final InstanceStore instances;
    private final OperationStore operations;
    private final GuestFleet fleet;
    private final Workers workers;
    private final SecretBox box;
    private final GuestApplier applier;
    private final OperationWatch watch;

    public CvmOperations(InstanceStore instances, OperationStore operations, GuestFleet fleet, AuditLog audit, Clock clock,
                         Workers workers, LeaseKeeper leases, SecretBox box) {
        this.instances = instances;
        this.operations = operations;
        this.fleet = fleet;
        this.workers = workers;
        this.box = box;
        this.applier = new GuestApplier(operations, leases, audit, clock);
        this.watch = new OperationWatch(operations);
    }

    public Outcome<BatchAccepted> reset(GuestResetRequest r) {
        return Outcome.of(() -> {
            List<CvmInstance> targets = load(r.batch());
            checkPassword(r, targets);
            String sealed = box.seal(new RequestSecrets(null, r.password()).encode());
            return accept(r.batch(), RESET, targets, t -> checkReset(t, r.forceStop()), t ->
                    new Plan(OperationKind.GUEST_PASSWORD, userOf(r, t), null, null, sealed, null), r.password());
        });
    }

    /** {@code stoppedMode} (KEEP_CHARGING or STOP_CHARGING) is accepted and shown as StopChargingMode. */
    public Outcome<BatchAccepted> stop(GuestBatchRequest r, StopType type, String stoppedMode) {
        return Outcome.of(() -> accept(r, STOP, load(r),
                t -> require(t, CvmInstanceState.RUNNING, "StopInstances needs a RUNNING instance"),
                t -> new Plan(OperationKind.GUEST_STOP, null, type, stoppedMode, null, CvmInstanceState.STOPPING), null));
    }

    public Outcome<BatchAccepted> start(GuestBatchRequest r) {
        return Outcome.of(() -> accept(r, START, load(r),
                t -> require(t, CvmInstanceState.STOPPED, "StartInstances needs a STOPPED instance"),
                t -> new Plan(OperationKind.GUEST_START, null, null, CvmFacts.NOT_APPLICABLE, null, CvmInstanceState.STARTING),
                null));
    }

    /** What one instance's operation will do; {@code entering} is the state it shows from the start (or null). */
    private record Plan(OperationKind kind, String user, StopType stopType, String stoppedMode, String sealedRequest,
                        CvmInstanceState entering) {
    }

    private interface Planner {
        Plan plan(CvmInstance target);
    }

    /**
     * Checks every instance, then records every operation in one transaction under the batch's row locks (the same
     * check again there, so a faster request wins cleanly and nothing is half-recorded); then starts the ones whose
     * guest this node owns.
     */
    private BatchAccepted accept(GuestBatchRequest r, String action, List<CvmInstance> targets, Consumer<CvmInstance> check,
                                 Planner planner, Secret password) {
        targets.forEach(check);
        List<String> ids = targets.stream().map(CvmInstance::id).toList();
        Map<String, InstanceStore.Started> started = instances.withLocked(ids, locked -> {
            var fresh = new ArrayList<CvmInstance>();
            for (String id : ids) fresh.add(CvmInstance.of(locked.instance(id)));
            fresh.forEach(check);
            var out = new LinkedHashMap<String, InstanceStore.Started>();
            for (CvmInstance t : fresh) {
                Plan plan = planner.plan(t);
                boolean here = fleet.local(t.instance()).isPresent();
                var work = new Operation.Work(null, null, here ? null : plan.sealedRequest(), plan.user(), plan.stopType(),
                        plan.stoppedMode(), null);
                String applierNode = PasswordChanges.applierOf(t.instance());
                out.put(t.id(), locked.start(new NewOperation(t.id(), r.tenant(), plan.kind(), action, r.requestId(),
                        applierNode, work), here));
                if (plan.entering() != null) locked.setCvmState(t.id(), plan.entering(), plan.stoppedMode());
            }
            return out;
        });
        var ops = new ArrayList<Operation>();
        var each = new ArrayList<CompletableFuture<Operation>>();
        for (CvmInstance t : targets) {
            InstanceStore.Started s = started.get(t.id());
            ops.add(s.operation());
            each.add(s.lease() != null ? run(s, t.instance(), password) : awaitElsewhere(s.operation()));
        }
        return new BatchAccepted(r.requestId(), ops, CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)));
    }

    private CompletableFuture<Operation> run(InstanceStore.Started s, Instance instance, Secret password) {
        Optional<GuestMachine> machine = fleet.local(instance);
        return workers.submit(() -> applier.apply(s.operation(), s.lease(), machine.orElseThrow(), password,
                instance.cvm().state()));
    }

    private CompletableFuture<Operation> awaitElsewhere(Operation op) {
        Accepted.Wait wait = watch.ofStore(op.id());
        return workers.submit(() -> {
            try {
                return wait.await(java.time.Duration.ofMinutes(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return op;
            }
        });
    }

    /** The owner's side: applies a QUEUED operation another node accepted. */
    void runQueued(OperationStore.Claimed claimed) throws EngineException {
        Operation op = claimed.operation();
        Instance instance = instances.find(op.instanceId()).orElseThrow();
        GuestMachine machine = fleet.local(instance).orElseThrow(() -> new EngineException("no guest attached here"));
        Secret password = op.work().sealedRequest() == null ? null
                : RequestSecrets.decode(box.open(op.work().sealedRequest())).newPassword();
        CvmInstanceState from = op.kind() == OperationKind.GUEST_PASSWORD ? instance.cvm().state() : origin(op.kind());
        applier.apply(op, claimed.lease(), machine, password, from);
    }

    /** Settles an orphaned CVM operation from its guest (see {@link OperationWorker}). */
    void recover(OperationStore.Claimed claimed) throws EngineException {
        Operation op = claimed.operation();
        if (op.state() == OperationState.QUEUED) {
            runQueued(claimed);
            return;
        }
        Instance instance = instances.find(op.instanceId()).orElseThrow();
        GuestMachine machine = fleet.local(instance).orElseThrow(() -> new EngineException("no guest attached here"));
        applier.recover(op, claimed.lease(), machine, instance.cvm().state());
    }

    /** The state a power operation starts from. */
    private static CvmInstanceState origin(OperationKind kind) {
        return kind == OperationKind.GUEST_STOP ? CvmInstanceState.RUNNING : CvmInstanceState.STOPPED;
    }

    /**
     * At start, after recovery: a pinned state (the configuration's {@code state:}) is applied; otherwise a transition
     * no operation is making any more ends where it was going. Returns the state.
     */
    public CvmInstanceState settleAtStart(String id, CvmInstanceState pinned) {
        return instances.withLocked(List.of(id), locked -> {
            Instance now = locked.instance(id);
            CvmInstanceState state = now.cvm().state();
            CvmInstanceState settled = pinned != null ? pinned : now.busy() ? state : switch (state) {
                case STOPPING -> CvmInstanceState.STOPPED;
                case STARTING -> CvmInstanceState.RUNNING;
                default -> state;
            };
            if (settled != state) locked.setCvmState(id, settled, null);
            return settled;
        });
    }

    /** Every instance of the batch as its tenant may see it; unknown ids (or another tenant's) are named together. */
    private List<CvmInstance> load(GuestBatchRequest r) {
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

    /** One password for the batch: the Windows rules when any instance runs Windows, against every user it changes. */
    private static void checkPassword(GuestResetRequest r, List<CvmInstance> targets) {
        PasswordPolicy policy = CvmPasswordPolicies.forBatch(targets.stream().anyMatch(CvmInstance::windows));
        var users = new LinkedHashSet<String>();
        for (CvmInstance t : targets) users.add(userOf(r, t));
        for (String user : users) {
            policy.violation(r.password(), user).ifPresent(v -> {
                throw new FailureException(ErrorCode.PASSWORD_RULE, "Password: " + v + " (" + policy.name() + ")");
            });
        }
    }

    private static String userOf(GuestResetRequest r, CvmInstance target) {
        return r.userName() != null ? r.userName() : target.defaultUser();
    }

    private static void checkReset(CvmInstance t, boolean forceStop) {
        refuseIfBusy(t);
        switch (t.state()) {
            case STOPPED -> {
            }
            case RUNNING -> {
                if (!forceStop) throw stateRefused(t, "a running instance is reset only with ForceStop=true; "
                        + "stop it first or set ForceStop");
            }
            default -> throw stateRefused(t, "ResetInstancesPassword needs a STOPPED instance, "
                    + "or a RUNNING one with ForceStop=true");
        }
    }

    private static void require(CvmInstance t, CvmInstanceState needed, String why) {
        refuseIfBusy(t);
        if (t.state() != needed) throw stateRefused(t, why);
    }

    /** A running operation blocks every other: the same job (a reset) or a power operation in progress. */
    private static void refuseIfBusy(CvmInstance t) {
        if (t.instance().busy()) throw new FailureException(PasswordChanges.busy(t.instance()));
    }

    private static FailureException stateRefused(CvmInstance i, String why) {
        return new FailureException(new Failure.CvmStateRefused(i.id(), i.state(),
                "the instance " + i.id() + " is " + i.state() + ": " + why));
    }
}
