package dev.rekey.core;

import java.util.List;
import java.util.Optional;

/** Port: accepted changes and their outcome. */
public interface TaskStore {

    Optional<Task> find(long id);

    void markRunning(long id);

    /** Ends the task and frees its instance for the next change, in one transaction. */
    void finish(long id, TaskStatus status, String message);

    /** Tasks a crash may have interrupted, oldest first. */
    List<Task> unfinished();
}
