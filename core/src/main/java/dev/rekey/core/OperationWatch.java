package dev.rekey.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Waits for operations: in memory when this node applies them, by reading the store when another node does (the
 * operation row is the only channel between nodes).
 */
public final class OperationWatch {
    private static final long POLL_MILLIS = 20;
    private final OperationStore operations;

    public OperationWatch(OperationStore operations) {
        this.operations = operations;
    }

    /** The operation once {@code reached} holds, or as it is after {@code max}. */
    public Operation until(long id, Predicate<Operation> reached, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            Operation now = operations.find(id).orElseThrow(() -> new IllegalStateException("operation " + id + " vanished"));
            if (reached.test(now) || System.nanoTime() >= deadline) return now;
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** A wait that reads the store: for an operation another node applies. */
    public Accepted.Wait ofStore(long id) {
        return max -> until(id, o -> o.state().answered(), max);
    }

    /** A wait on this node's own applier, falling back to the store when it ends without an answer. */
    public Accepted.Wait of(long id, CompletableFuture<Operation> applying) {
        return max -> {
            try {
                return applying.get(max.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                return operations.find(id).orElseThrow();
            }
        };
    }
}
