package dev.rekey.core;

import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reconciles tasks that a crash or a failed rollback left open: the engine is asked which password it holds, and the
 * task is completed when it holds the recorded new fingerprint, or rolled back to its sealed previous state otherwise.
 */
public final class TaskRecovery {
    private static final Logger LOG = Logger.getLogger(TaskRecovery.class.getName());
    private final InstanceStore instances;
    private final TaskStore tasks;
    private final Engines engines;
    private final AuditLog audit;
    private final SecretBox box;
    private final Clock clock;

    public TaskRecovery(InstanceStore instances, TaskStore tasks, Engines engines, AuditLog audit, SecretBox box, Clock clock) {
        this.instances = instances;
        this.tasks = tasks;
        this.engines = engines;
        this.audit = audit;
        this.box = box;
        this.clock = clock;
    }

    /**
     * Reconciles the tasks {@code node} may take over: orphans whose lease ran out, and at start-up ({@code atStart})
     * the node's own tasks from before its restart. Returns how many were reconciled; tasks whose engine cannot be
     * reached stay open for a later round.
     */
    public int recoverOrphans(String node, boolean atStart) {
        int done = 0;
        for (Task task : tasks.claimOrphans(node, atStart, 50)) {
            if (recover(task)) done++;
        }
        return done;
    }

    private boolean recover(Task task) {
        var instance = instances.find(task.instanceId());
        if (instance.isEmpty()) {
            tasks.finish(task.id(), TaskStatus.FAILED, "the instance no longer exists");
            return true;
        }
        try {
            PasswordEngine engine = engines.engineFor(instance.get());
            EngineState now = engine.read();
            if (now.holdsExactly(task.newFingerprint())) {
                engine.persist();
                TaskApplier.recordPasswordFree(instances, task, !EngineState.NOPASS.equals(task.newFingerprint()));
                finish(task, TaskStatus.SUCCEED, "", "completed after an interruption (engine holds the new password)");
            } else {
                EngineState before = EngineStateCodec.decode(box.open(task.sealedPrevious()));
                engine.restore(before);
                engine.persist();
                finish(task, TaskStatus.FAILED, "the change was interrupted; the previous password was kept",
                        "rolled back after an interruption");
            }
            return true;
        } catch (EngineException e) {
            LOG.log(Level.WARNING, "task " + task.id() + " left open: engine unreachable from this node: " + e.getMessage());
            tasks.releaseLease(task.id());
            return false;
        }
    }

    private void finish(Task task, TaskStatus status, String message, String auditOutcome) {
        tasks.finish(task.id(), status, message);
        audit.record(new AuditEntry(clock.instant(), task.tenant(), "recovery", task.kind(), task.instanceId(),
                "task " + task.id() + " " + auditOutcome, task.requestId()));
    }
}
