package dev.rekey.core;

import java.util.concurrent.CompletableFuture;

/** An accepted change: its task as recorded, and the task as it ends (for APIs that answer synchronously). */
public record Accepted(Task task, CompletableFuture<Task> finished) {
}
