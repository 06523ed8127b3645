package dev.rekey.core;

import java.time.Instant;

/**
 * An accepted change. {@code newFingerprint} (SHA-256 of the new password, or "nopass") lets a restarted node tell from
 * the engine alone whether the change was applied; {@code sealedPrevious} is the engine's previous state, encrypted.
 */
public record Task(long id, String instanceId, String tenant, String kind, TaskStatus status, String requestId,
                   String message, String newFingerprint, String sealedPrevious, Instant createdAt, Instant finishedAt) {
}
