package dev.rekey.core;

import java.time.Instant;
import java.util.Locale;

/**
 * Who did what to which instance, when, and how it ended. Never holds a password. {@code sourceAddress} is the
 * client's address where a request came over the network (null for work a node does on its own);
 * {@code outcomeCode} is the outcome as one short word that can be filtered on (see {@link #ACCEPTED} and the others).
 */
public record AuditEntry(Instant at, String tenant, String actor, String action, String instanceId, String outcome,
                         String requestId, String sourceAddress, String outcomeCode) {
    public static final String ACCEPTED = "accepted";
    public static final String REFUSED = "refused";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    /** An admin action that was carried out. */
    public static final String OK = "ok";
    /** A request without a valid admin token. */
    public static final String DENIED = "denied";

    /** An entry without a network source; its code is read from the outcome's own words ({@link #codeOf}). */
    public AuditEntry(Instant at, String tenant, String actor, String action, String instanceId, String outcome,
                      String requestId) {
        this(at, tenant, actor, action, instanceId, outcome, requestId, null, codeOf(outcome));
    }

    /**
     * The code of an outcome the use cases write as words ("refused: WRONG_OLD_PASSWORD", "accepted operation 1001",
     * "operation 1001 succeeded, verified", "operation 1001 failed: ..."); null when none of them applies.
     */
    public static String codeOf(String outcome) {
        if (outcome == null) return null;
        String text = outcome.toLowerCase(Locale.ROOT);
        if (text.startsWith(REFUSED)) return REFUSED;
        if (text.startsWith(ACCEPTED)) return ACCEPTED;
        if (text.startsWith("operation ") && text.contains(" " + SUCCEEDED)) return SUCCEEDED;
        if (text.startsWith("operation ") && text.contains(" " + FAILED)) return FAILED;
        return null;
    }
}
