package dev.rekey.core;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An accepted CVM batch: one operation per instance, all recorded together. {@code finished} completes when every one
 * of them has ended, for callers that wait.
 */
public record BatchAccepted(String requestId, List<Operation> operations, CompletableFuture<Void> finished) {
}
