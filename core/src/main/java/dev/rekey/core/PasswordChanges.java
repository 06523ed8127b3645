package dev.rekey.core;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The change-password use case shared by every product (change with the old password, reset, password-free access).
 * What can be checked without changing the engine is answered synchronously: existence, policy, busy state, the old
 * password by fingerprint and the lockout. The engine is read without any lock; then one short transaction checks
 * that nothing changed meanwhile and records the operation. Only an accepted change touches the engine.
 *
 * <p>A node that cannot reach the engine (another node owns its auth file) records the request; the owner's worker
 * checks and applies it with the same code, and this node waits for the verdict and, where the API is synchronous,
 * for the end.
 */
public final class PasswordChanges {
    private static final Logger LOG = Logger.getLogger(PasswordChanges.class.getName());
    /** How often the read-then-check loop retries when another change ended in between. */
    private static final int CHECK_ATTEMPTS = 3;

    private final InstanceQueries queries;
    private final InstanceStore instances;
    private final OperationStore operations;
    private final Engines engines;
    private final SecretBox box;
    private final Workers workers;
    private final Map<Product, LockoutPolicy> lockouts;
    private final OperationWatch watch;
    private final EnginePasswordApplier applier;
    private final Duration forwardWait;

    /**
     * {@code lockouts}: the products whose instances lock after wrong old passwords. {@code forwardWait}: how long a
     * node waits for the owner of an engine it cannot reach to take up a request.
     */
    public PasswordChanges(InstanceStore instances, OperationStore operations, Engines engines, AuditLog audit,
                           SecretBox box, Clock clock, Workers workers, LeaseKeeper leases,
                           Map<Product, LockoutPolicy> lockouts, Duration forwardWait) {
        this.queries = new InstanceQueries(instances, operations);
        this.instances = instances;
        this.operations = operations;
        this.engines = engines;
        this.box = box;
        this.workers = workers;
        this.lockouts = Map.copyOf(lockouts);
        this.watch = new OperationWatch(operations);
        this.applier = new EnginePasswordApplier(operations, leases, audit, box, clock);
        this.forwardWait = forwardWait;
    }

    /**
     * Validates, then starts the change as an operation; the failure names the broken rule. The request's audit record
     * (accepted or refused) is its caller's: the API pipeline writes one for every attempt, whatever refused it.
     */
    public Outcome<Accepted> start(ChangeRequest request) {
        return Outcome.of(() -> accept(request));
    }

    private Accepted accept(ChangeRequest r) {
        Instance instance = queries.visible(r.tenant(), r.product(), r.region(), r.instanceId());
        if (r.newPassword() != null) {
            r.policy().violation(r.newPassword(), instance.account()).ifPresent(v -> {
                throw new FailureException(ErrorCode.PASSWORD_RULE, "Password: " + v);
            });
        }
        refuseIfBusy(instance);
        Optional<PasswordEngine> engine = engines.local(instance);
        if (engine.isEmpty()) return forward(r, instance);
        Decision decision = check(instance.id(), r.product(), r.oldPassword(), r.newPassword(), engine.get(),
                (locked, before) -> new Decision(locked.start(operation(r, instance, before), true), before, null),
                (locked, failure) -> new Decision(null, null, failure));
        if (decision.refused() != null) throw new FailureException(decision.refused());
        Operation op = decision.started().operation();
        Lease lease = decision.started().lease();
        var applying = workers.submit(() -> applier.apply(op, lease, engine.get(), decision.before(), r.newPassword(), r.oldPassword()));
        return new Accepted(op, watch.of(op.id(), applying));
    }

    private NewOperation operation(ChangeRequest r, Instance instance, EngineState before) {
        String fingerprint = r.newPassword() == null ? EngineState.NOPASS : r.newPassword().sha256Hex();
        var work = new Operation.Work(fingerprint, box.seal(EngineStateCodec.encode(before)), null, null, null, null, null);
        return new NewOperation(r.instanceId(), r.tenant(), OperationKind.ENGINE_PASSWORD, r.action(), r.requestId(),
                applierOf(instance), work, windowOf(instance, r.newPassword()));
    }

    /** The node that must settle the instance's operations: its owner when only that node reaches the engine. */
    static String applierOf(Instance instance) {
        return instance.engineKind().ownerBound() ? instance.ownerNode() : null;
    }

    /** The instance's overlap window, for a change to a new password (password-free access has none). */
    private static Duration windowOf(Instance instance, Secret next) {
        return next == null || instance.overlap() == null ? Duration.ZERO : instance.overlap();
    }

    /** What the check under the lock decided: an operation started (local) or accepted (claimed), or a refusal. */
    private record Decision(InstanceStore.Started started, EngineState before, Failure refused) {
    }

    /**
     * Reads the engine without a lock, then decides under the row lock: busy, locked, the old password, and whether
     * another change ended between the read and the lock (the instance's generation moved: read again).
     */
    private Decision check(String id, Product product, Secret old, Secret next, PasswordEngine engine,
                           BiFunction<InstanceStore.Locked, EngineState, Decision> accept,
                           BiFunction<InstanceStore.Locked, Failure, Decision> refuse) {
        LockoutPolicy lockout = lockouts.get(product);
        for (int attempt = 0; attempt < CHECK_ATTEMPTS; attempt++) {
            Instance seen = instances.find(id).orElseThrow(() -> new FailureException(ErrorCode.INSTANCE_NOT_FOUND,
                    "the instance " + id + " does not exist"));
            EngineState before = read(engine, seen);
            Decision decision = instances.withLocked(List.of(id), locked -> {
                Instance now = locked.instance(id);
                if (now.busy()) return refuse.apply(locked, busy(now));
                Lockout counted = lockout == null ? Lockout.NONE : locked.lockout(id);
                Failure lockedNow = lockout == null ? null : lockout.lockedNow(counted);
                if (lockedNow != null) return refuse.apply(locked, lockedNow);
                if (now.generation() != seen.generation()) return null;
                if (old != null && !before.passwordFree() && !before.accepts(old)) {
                    return refuse.apply(locked, wrongPassword(locked, id, lockout, counted));
                }
                if (old != null && lockout != null && !counted.equals(Lockout.NONE)) locked.setLockout(id, Lockout.NONE);
                return accept.apply(locked, before);
            });
            if (decision != null) return decision;
        }
        throw new FailureException(ErrorCode.INSTANCE_BUSY, "the instance " + id
                + " changed while the request was checked; retry");
    }

    private static Failure wrongPassword(InstanceStore.Locked locked, String id, LockoutPolicy lockout, Lockout counted) {
        if (lockout == null) {
            return Failure.of(ErrorCode.WRONG_OLD_PASSWORD, "OldPassword does not match the instance's current password");
        }
        Lockout after = lockout.afterWrong(counted);
        locked.setLockout(id, after);
        return lockout.refusalFor(after);
    }

    /** The refusal for an instance an operation holds (an open overlap window included). */
    static Failure busy(Instance instance) {
        String why = instance.changing() || instance.latest() == null
                ? "is applying operation " + instance.activeOperation() + "; retry when it has finished"
                : "has the overlap window of operation " + instance.activeOperation() + " open (its old password still"
                + " works); retry once the window has ended, or end it early through the admin API";
        return new Failure.OperationRunning(instance.id(), instance.activeOperation(),
                instance.latest() == null ? null : instance.latest().action(),
                instance.latest() == null ? null : instance.latest().requestId(), "the instance " + instance.id() + " " + why);
    }

    private static void refuseIfBusy(Instance instance) {
        if (instance.busy()) throw new FailureException(busy(instance));
    }

    /**
     * The engine is reachable only from its owner: record the request sealed, wait for the owner to check it, and
     * cancel it when the owner does not answer in time (so it is never applied later without the caller knowing).
     */
    private Accepted forward(ChangeRequest r, Instance instance) {
        if (instance.ownerNode() == null) throw unavailable(instance, "no node has its engine attached");
        String sealed = box.seal(new RequestSecrets(r.oldPassword(), r.newPassword()).encode());
        var work = new Operation.Work(null, null, sealed, null, null, null, null);
        Operation requested = operations.request(new NewOperation(r.instanceId(), r.tenant(), OperationKind.ENGINE_PASSWORD,
                r.action(), r.requestId(), instance.ownerNode(), work, windowOf(instance, r.newPassword())));
        Operation decided = awaitDecision(requested);
        if (decided.state() == OperationState.REQUESTED) {
            if (operations.cancelRequested(requested.id(), "the node that owns the engine did not take the request up")) {
                throw unavailable(instance, "the node that owns its engine did not answer");
            }
            decided = awaitDecision(requested);
        }
        if (decided.state() == OperationState.REFUSED) throw new FailureException(decided.failure());
        return new Accepted(decided, watch.ofStore(decided.id()));
    }

    private Operation awaitDecision(Operation requested) {
        try {
            return watch.until(requested.id(), o -> o.state() != OperationState.REQUESTED, forwardWait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FailureException(ErrorCode.INTERNAL, "interrupted while waiting for operation " + requested.id());
        }
    }

    /** The owner's side of {@link #forward}: checks a claimed request exactly as a local one, then applies it. */
    void runRequested(OperationStore.Claimed claimed) throws EngineException {
        Operation op = claimed.operation();
        Lease lease = claimed.lease();
        Instance instance = instances.find(op.instanceId()).orElseThrow();
        PasswordEngine engine = engines.local(instance).orElseThrow(() -> new EngineException("no engine attached here"));
        RequestSecrets secrets = RequestSecrets.decode(box.open(op.work().sealedRequest()));
        Decision decision;
        try {
            decision = check(op.instanceId(), instance.product(), secrets.oldPassword(), secrets.newPassword(), engine,
                    (locked, before) -> {
                        String fp = secrets.newPassword() == null ? EngineState.NOPASS : secrets.newPassword().sha256Hex();
                        Operation accepted = locked.accept(lease, fp, box.seal(EngineStateCodec.encode(before)));
                        return new Decision(new InstanceStore.Started(accepted, lease), before, null);
                    },
                    (locked, failure) -> {
                        locked.refuse(lease, failure);
                        return new Decision(null, null, failure);
                    });
        } catch (FailureException e) {
            instances.withLocked(List.of(op.instanceId()), locked -> locked.refuse(lease, e.failure()));
            return;
        }
        if (decision.refused() != null) return;
        applier.apply(decision.started().operation(), lease, engine, decision.before(), secrets.newPassword(),
                secrets.oldPassword());
    }

    /** Ends a due overlap window (or rolls back within it, when an operator asked); see {@link OperationWorker}. */
    void endWindow(OperationStore.Claimed claimed) throws EngineException {
        Operation op = claimed.operation();
        Instance instance = instances.find(op.instanceId()).orElseThrow();
        var engine = engines.local(instance);
        if (engine.isEmpty()) {
            operations.release(claimed.lease());
            throw new EngineException("no engine attached here");
        }
        applier.endWindow(op, claimed.lease(), engine.get());
    }

    /** Settles an orphaned password operation (see {@link OperationWorker}). */
    void recover(OperationStore.Claimed claimed) throws EngineException {
        Operation op = claimed.operation();
        if (op.state() == OperationState.REQUESTED) {
            runRequested(claimed);
            return;
        }
        Instance instance = instances.find(op.instanceId()).orElseThrow();
        PasswordEngine engine = engines.local(instance).orElseThrow(() -> new EngineException("no engine attached here"));
        applier.recover(op, claimed.lease(), engine);
    }

    static EngineState read(PasswordEngine engine, Instance instance) {
        try {
            return engine.read();
        } catch (EngineException e) {
            LOG.log(Level.WARNING, "engine of " + instance.id() + " unavailable: " + e.getMessage());
            throw unavailable(instance, "nothing was changed (" + e.getMessage() + ")");
        }
    }

    static FailureException unavailable(Instance instance, String why) {
        return new FailureException(ErrorCode.ENGINE_UNAVAILABLE, "the instance " + instance.id() + " is not answering; " + why);
    }
}
