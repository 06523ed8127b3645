package dev.rekey.core;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Port: accepted changes and their outcome. */
public interface TaskStore {

    Optional<Task> find(long id);

    void markRunning(long id);

    /** Ends the task and frees its instance for the next change, in one transaction. */
    void finish(long id, TaskStatus status, String message);

    /**
     * Extends the lease of a task this node is applying, so that no other node takes it for an orphan while it runs.
     * Returns false when the lease is no longer this node's.
     */
    boolean renewLease(long id);

    /** Gives up this node's claim at once, so another node (the engine's owner, say) can take the task next round. */
    void releaseLease(long id);

    /** How often a running task's lease must be renewed. */
    Duration renewEvery();

    /** Every task not finished yet, oldest first. */
    List<Task> unfinished();

    /**
     * Claims, for {@code node}, unfinished tasks whose lease has run out (their node died), and with
     * {@code includeOwn} also those {@code node} itself leased before it restarted. Claims skip rows another node is
     * claiming at the same moment, so each orphan is reconciled once.
     */
    List<Task> claimOrphans(String node, boolean includeOwn, int max);
}
