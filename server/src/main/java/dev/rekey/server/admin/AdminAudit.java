package dev.rekey.server.admin;

import dev.rekey.core.AuditEntry;
import dev.rekey.store.JdbcAuditLog;

import java.time.Clock;
import java.util.List;

/**
 * Audits admin actions: who (the token's name), from where, under which request id, what it touched and how it ended.
 * Never a token, a key's secret or a password: outcomes are written here from ids and counts only.
 */
final class AdminAudit {
    private final JdbcAuditLog audit;
    private final Clock clock;

    AdminAudit(JdbcAuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    void ok(Call call, String action, String tenant, String instance, String outcome) {
        audit.record(entry(call, action, tenant, instance, outcome, AuditEntry.OK));
    }

    /** One record per instance of a bulk action, written in one transaction. */
    void okEach(Call call, String action, List<String[]> tenantAndInstance, String outcome) {
        audit.recordAll(tenantAndInstance.stream().map(ti -> entry(call, action, ti[0], ti[1], outcome, AuditEntry.OK)).toList());
    }

    void refused(Call call, String action, String tenant, String instance, ApiError e) {
        audit.record(entry(call, action, tenant, instance, e.status() + " " + e.code() + ": " + e.getMessage(), AuditEntry.REFUSED));
    }

    /** A request without a valid token: {@code why} says which (missing, not valid), never what was sent. */
    void denied(String requestId, String sourceAddress, String method, String path, String why) {
        audit.record(new AuditEntry(clock.instant(), null, null, "admin.auth", null,
                why + " (" + method + " " + clip(path) + ")", requestId, sourceAddress, AuditEntry.DENIED));
    }

    private AuditEntry entry(Call call, String action, String tenant, String instance, String outcome, String code) {
        return new AuditEntry(clock.instant(), tenant, call.actor(), action, clip(instance), outcome, call.requestId(),
                call.sourceAddress(), code);
    }

    private static String clip(String s) {
        return s == null || s.length() <= 200 ? s : s.substring(0, 200);
    }
}
