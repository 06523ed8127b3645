package dev.rekey.core;

import java.time.Instant;

/** Who did what to which instance, when, and how it ended. Never holds a password. */
public record AuditEntry(Instant at, String tenant, String actor, String action, String instanceId, String outcome,
                         String requestId) {
}
