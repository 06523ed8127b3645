package dev.rekey.core;

import java.time.Duration;

/**
 * An accepted operation as recorded, and a way to wait for its end (for APIs that answer synchronously), whether this
 * node or another one applies it.
 */
public record Accepted(Operation operation, Wait waiter) {

    /** Waits at most {@code max} for the operation to end; returns it as it is then (maybe unfinished). */
    public Operation await(Duration max) {
        try {
            return waiter.await(max);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return operation;
        }
    }

    @FunctionalInterface
    public interface Wait {
        Operation await(Duration max) throws InterruptedException;
    }
}
