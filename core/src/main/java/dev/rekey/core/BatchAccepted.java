package dev.rekey.core;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An accepted CVM batch: every instance is claimed (LatestOperationState OPERATING). {@code finished} completes when
 * every instance has its outcome recorded, for callers that wait.
 */
public record BatchAccepted(String requestId, List<String> instanceIds, CompletableFuture<Void> finished) {
}
