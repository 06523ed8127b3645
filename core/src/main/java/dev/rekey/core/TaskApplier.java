package dev.rekey.core;

import java.time.Clock;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Applies an accepted change to its engine: change, persist, verify with fresh connections; on any failure of the
 * change or after it, the previous state is restored before the task is marked failed, so no instance is left with a
 * password nobody knows.
 */
final class TaskApplier {
    private static final Logger LOG = Logger.getLogger(TaskApplier.class.getName());
    private final InstanceStore instances;
    private final TaskStore tasks;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration crashTestPause;

    /** {@code crashTestPause} holds a task between change and verification, so a crash test can kill the node there. */
    TaskApplier(InstanceStore instances, TaskStore tasks, AuditLog audit, Clock clock, Duration crashTestPause) {
        this.instances = instances;
        this.tasks = tasks;
        this.audit = audit;
        this.clock = clock;
        this.crashTestPause = crashTestPause;
    }

    /** Applies the task while a renewer keeps its lease, so a slow engine is never mistaken for a dead node. */
    Task apply(Task task, PasswordEngine engine, EngineState before, Secret next, Secret old) {
        Duration renewEvery = tasks.renewEvery();
        Thread renewer = Thread.ofVirtual().name("rekey-lease-" + task.id()).start(() -> {
            try {
                while (true) {
                    Thread.sleep(renewEvery);
                    if (!tasks.renewLease(task.id())) return;
                }
            } catch (InterruptedException e) {
                // the task has ended
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not renew the lease of task " + task.id() + ": " + e.getMessage());
            }
        });
        try {
            return applyLeased(task, engine, before, next, old);
        } finally {
            renewer.interrupt();
        }
    }

    private Task applyLeased(Task task, PasswordEngine engine, EngineState before, Secret next, Secret old) {
        TaskStatus status;
        String message;
        try {
            tasks.markRunning(task.id());
            change(engine, next);
            if (!crashTestPause.isZero()) pause();
            boolean persisted = false;
            try {
                engine.persist();
                persisted = true;
                verify(engine, task, next, old);
                status = TaskStatus.SUCCEED;
                message = "";
            } catch (EngineException e) {
                status = TaskStatus.FAILED;
                message = rollBack(engine, before, persisted, e);
            }
        } catch (EngineException e) {
            // A change that reports failure may still have landed (a memcached auth file written whose reload was
            // not seen, a Redis reply lost): put the previous state back rather than assume nothing happened.
            status = TaskStatus.FAILED;
            message = rollBack(engine, before, false, e);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "task " + task.id() + " failed unexpectedly", e);
            status = TaskStatus.FAILED;
            message = rollBack(engine, before, true, new EngineException("internal error: " + e.getClass().getSimpleName()));
        }
        if (message == null) {
            // Neither the new nor the old state is confirmed: leave the task open for TaskRecovery to reconcile.
            return tasks.find(task.id()).orElseThrow();
        }
        if (status == TaskStatus.SUCCEED) recordPasswordFree(instances, task, before.passwordFree());
        tasks.finish(task.id(), status, message);
        audit.record(new AuditEntry(clock.instant(), task.tenant(), "task-runner", task.kind(), task.instanceId(),
                status == TaskStatus.SUCCEED ? "task " + task.id() + " succeeded, verified" : "task " + task.id() + " failed: " + message,
                task.requestId()));
        return tasks.find(task.id()).orElseThrow();
    }

    /** Describe actions show whether the instance is password-free; keep that in step with what was verified. */
    static void recordPasswordFree(InstanceStore instances, Task task, boolean wasFree) {
        boolean free = EngineState.NOPASS.equals(task.newFingerprint());
        if (free != wasFree) instances.setAttribute(task.instanceId(), Attributes.PASSWORD_FREE, free ? "true" : null);
    }

    private void pause() {
        try {
            Thread.sleep(crashTestPause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void change(PasswordEngine engine, Secret next) throws EngineException {
        if (next == null) engine.makePasswordFree();
        else engine.replace(next);
    }

    /** "Verified" always means: fresh connections proved which passwords the engine accepts, and nothing else remains. */
    private static void verify(PasswordEngine engine, Task task, Secret next, Secret old) throws EngineException {
        Secret rejected = old == null || (next != null && old.sameAs(next)) ? null : old;
        engine.verify(next, rejected);
        if (!engine.read().holdsExactly(task.newFingerprint())) {
            throw new EngineException("the engine holds other passwords than the one just set");
        }
    }

    /**
     * Puts the previous state back on the live engine; it is persisted again only if the change itself had been
     * persisted (otherwise what the engine would load on restart is still the previous state).
     */
    private static String rollBack(PasswordEngine engine, EngineState before, boolean changePersisted, EngineException cause) {
        try {
            engine.restore(before);
            if (changePersisted) engine.persist();
            return "the change could not be verified (" + cause.getMessage() + "); the previous password was restored";
        } catch (EngineException e) {
            LOG.log(Level.SEVERE, "rollback failed, left for recovery: " + e.getMessage());
            return null;
        }
    }
}
