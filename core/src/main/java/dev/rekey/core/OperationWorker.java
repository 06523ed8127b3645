package dev.rekey.core;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Each node's one path for operations it did not start itself: it takes up the operations only it can apply (another
 * node recorded them for the engine this node owns), and it settles orphans, operations whose lease ran out because
 * their node died or was paused, from what the engine holds. Every claim takes a new lease epoch, which fences the
 * previous holder out.
 */
public final class OperationWorker {
    private static final Logger LOG = Logger.getLogger(OperationWorker.class.getName());
    private static final int BATCH = 50;
    private final OperationStore operations;
    private final String node;
    private final PasswordChanges passwords;
    private final CvmOperations cvm;
    private final Workers workers;

    public OperationWorker(OperationStore operations, String node, PasswordChanges passwords, CvmOperations cvm,
                           Workers workers) {
        this.operations = operations;
        this.node = node;
        this.passwords = passwords;
        this.cvm = cvm;
        this.workers = workers;
    }

    /** How often due overlap windows are looked for: a window ends within this much of its due time. */
    static final Duration WINDOWS_EVERY = Duration.ofMillis(500);

    /** Polls for assigned operations every {@code assignedEvery}, for orphans every {@code orphansEvery}. */
    public void start(Duration assignedEvery, Duration orphansEvery) {
        workers.every(assignedEvery, this::takeAssigned);
        workers.every(orphansEvery, () -> recoverOrphans(false));
        workers.every(WINDOWS_EVERY, this::endDueWindows);
    }

    /** Ends every overlap window that is due (and that this node's engines reach); each on its own virtual thread. */
    public void endDueWindows() {
        for (OperationStore.Claimed c : operations.claimDue(node, BATCH)) {
            workers.submit(() -> {
                try {
                    passwords.endWindow(c);
                } catch (EngineException e) {
                    // logged by the applier; the window stays open and the next round tries again
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "the window of operation " + c.operation().id() + " could not end", e);
                    operations.release(c.lease());
                }
                return null;
            });
        }
    }

    /** Starts every operation recorded for this node; each runs on its own virtual thread. */
    public void takeAssigned() {
        for (OperationStore.Claimed c : operations.claimAssigned(node, BATCH)) {
            workers.submit(() -> {
                settle(c, true);
                return null;
            });
        }
    }

    /**
     * Settles orphans, and with {@code atStart} also this node's own operations from before its restart. Returns how
     * many were settled; those whose engine this node cannot reach are released for the node that can.
     */
    public int recoverOrphans(boolean atStart) {
        int done = 0;
        for (OperationStore.Claimed c : operations.claimOrphans(node, atStart, BATCH)) {
            if (settle(c, false)) done++;
        }
        return done;
    }

    private boolean settle(OperationStore.Claimed c, boolean assigned) {
        Operation op = c.operation();
        try {
            switch (op.kind()) {
                case ENGINE_PASSWORD -> {
                    if (assigned) passwords.runRequested(c);
                    else passwords.recover(c);
                }
                case GUEST_PASSWORD, GUEST_STOP, GUEST_START -> {
                    if (assigned) cvm.runQueued(c);
                    else cvm.recover(c);
                }
            }
            return true;
        } catch (EngineException e) {
            LOG.log(Level.WARNING, "operation " + op.id() + " left open: engine unreachable from this node: " + e.getMessage());
            operations.release(c.lease());
            return false;
        } catch (LeaseLostException e) {
            LOG.warning("operation " + op.id() + ": " + e.getMessage());
            return false;
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "operation " + op.id() + " could not be settled; released for a later round", e);
            operations.release(c.lease());
            return false;
        }
    }
}
