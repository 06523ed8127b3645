package dev.rekey.core;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The change-password use case shared by every product. What can be checked without changing the engine (existence,
 * policy, busy state, the old password by fingerprint) is answered synchronously; only an accepted change becomes a
 * task, applied and verified on the engine by {@link TaskApplier}.
 */
public final class PasswordChanges {
    private static final Logger LOG = Logger.getLogger(PasswordChanges.class.getName());

    private final InstanceStore instances;
    private final TaskStore tasks;
    private final Engines engines;
    private final AuditLog audit;
    private final SecretBox box;
    private final Clock clock;
    private final TaskRunner runner;
    private final TaskApplier applier;

    public PasswordChanges(InstanceStore instances, TaskStore tasks, Engines engines, AuditLog audit, SecretBox box,
                           Clock clock, TaskRunner runner) {
        this(instances, tasks, engines, audit, box, clock, runner, Duration.ZERO);
    }

    /** {@code crashTestPause}: see {@link TaskApplier}; zero outside crash tests. */
    public PasswordChanges(InstanceStore instances, TaskStore tasks, Engines engines, AuditLog audit, SecretBox box,
                           Clock clock, TaskRunner runner, Duration crashTestPause) {
        this.instances = instances;
        this.tasks = tasks;
        this.engines = engines;
        this.audit = audit;
        this.box = box;
        this.clock = clock;
        this.runner = runner;
        this.applier = new TaskApplier(instances, tasks, audit, clock, crashTestPause);
    }

    /** Validates, then starts the change as a task; the failure names the broken rule. */
    public Outcome<Accepted> start(ChangeRequest request) {
        return start(request, OldPasswordGuard.NONE);
    }

    public Outcome<Accepted> start(ChangeRequest request, OldPasswordGuard guard) {
        Outcome<Accepted> outcome = Outcome.of(() -> accept(request, guard));
        if (outcome instanceof Outcome.Fail<Accepted> fail) {
            record(request, "refused: " + fail.failure().code());
        }
        return outcome;
    }

    /** A task as its tenant may see it; another tenant's task does not exist. */
    public Optional<Task> task(String tenant, long id) {
        return tasks.find(id).filter(t -> t.tenant().equals(tenant));
    }

    /** The instance as the caller may see it, or {@link ErrorCode#INSTANCE_NOT_FOUND}. */
    public Instance visibleInstance(String tenant, Product product, String region, String id) {
        return instances.find(id)
                .filter(i -> i.visibleTo(tenant, product, region))
                .orElseThrow(() -> new FailureException(ErrorCode.INSTANCE_NOT_FOUND,
                        "the instance " + id + " does not exist"));
    }

    private Accepted accept(ChangeRequest r, OldPasswordGuard guard) {
        Instance instance = visibleInstance(r.tenant(), r.product(), r.region(), r.instanceId());
        if (r.newPassword() != null) {
            r.policy().violation(r.newPassword(), instance.attribute(Attributes.ACCOUNT, null))
                    .ifPresent(v -> {
                        throw new FailureException(ErrorCode.PASSWORD_RULE, "Password: " + v);
                    });
        }
        PasswordEngine engine = engineOf(instance);
        GuardedStart started = instances.withExclusive(instance.id(), locked -> startLocked(r, guard, engine, locked));
        if (started.failure() != null) throw started.failure();
        Task task = started.task();
        record(r, "accepted task " + task.id());
        var finished = runner.submit(() -> applier.apply(task, engine, started.before(), r.newPassword(), r.oldPassword()));
        return new Accepted(task, finished);
    }

    /**
     * Runs under the instance's row lock, so old-password checks on one instance are serialised across nodes.
     * A wrong old password is returned, not thrown, so that the guard's bookkeeping commits with the transaction.
     */
    private GuardedStart startLocked(ChangeRequest r, OldPasswordGuard guard, PasswordEngine engine,
                                     InstanceStore.LockedInstance locked) {
        Instance current = locked.instance();
        if (current.activeTaskId() != null) {
            throw new FailureException(ErrorCode.INSTANCE_BUSY,
                    "the instance " + current.id() + " is applying task " + current.activeTaskId() + "; retry when it has finished");
        }
        guard.beforeCheck(locked);
        EngineState before = read(engine, current);
        if (r.oldPassword() != null) {
            if (!before.passwordFree() && !before.accepts(r.oldPassword())) {
                return new GuardedStart(null, null, guard.onWrongPassword(locked));
            }
            guard.onRightPassword(locked);
        }
        String fingerprint = r.newPassword() == null ? EngineState.NOPASS : r.newPassword().sha256Hex();
        Task task = locked.startTask(r.action(), r.requestId(), fingerprint, box.seal(EngineStateCodec.encode(before)));
        return new GuardedStart(task, before, null);
    }

    private record GuardedStart(Task task, EngineState before, FailureException failure) {
    }

    private PasswordEngine engineOf(Instance instance) {
        try {
            return engines.engineFor(instance);
        } catch (EngineException e) {
            throw unavailable(instance, e);
        }
    }

    static EngineState read(PasswordEngine engine, Instance instance) {
        try {
            return engine.read();
        } catch (EngineException e) {
            throw unavailable(instance, e);
        }
    }

    private static FailureException unavailable(Instance instance, EngineException e) {
        LOG.log(Level.WARNING, "engine of " + instance.id() + " unavailable: " + e.getMessage());
        return new FailureException(ErrorCode.ENGINE_UNAVAILABLE,
                "the instance " + instance.id() + " is not answering; nothing was changed");
    }

    private void record(ChangeRequest r, String outcome) {
        audit.record(new AuditEntry(clock.instant(), r.tenant(), r.actor(), r.action(), r.instanceId(), outcome, r.requestId()));
    }
}
