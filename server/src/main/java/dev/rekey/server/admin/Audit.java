package dev.rekey.server.admin;

import dev.rekey.store.JdbcAuditLog;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * {@code /api/audit}: the audit trail, newest first, filtered by tenant, instance, action, outcome code and time
 * ({@code since} inclusive, {@code until} exclusive; ISO-8601 or a time ago such as {@code 1h}); {@code /export} is the
 * same records as JSON lines, all of them.
 */
final class Audit {
    private static final Set<String> OUTCOMES = Set.of("accepted", "refused", "succeeded", "failed", "ok", "denied");
    private final JdbcAuditLog audit;
    private final Clock clock;

    Audit(JdbcAuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    List<Route> routes() {
        return List.of(
                Route.get("/api/audit", this::list),
                Route.get("/api/audit/export", this::export));
    }

    private Reply list(Call call) {
        int limit = Params.limit(call, Instances.DEFAULT_PAGE, Instances.MAX_PAGE);
        List<JdbcAuditLog.Stored> page = audit.query(query(call), limit);
        return Reply.ok(new Views.Page<>(page.stream().map(Views.AuditRecord::of).toList(),
                page.size() == limit ? Long.toString(page.get(page.size() - 1).id()) : null));
    }

    private Reply export(Call call) throws IOException {
        JdbcAuditLog.Query q = query(call);
        try (OutputStream out = call.stream("application/x-ndjson")) {
            try {
                audit.stream(q, 0, s -> {
                    try {
                        out.write((Json.write(Views.AuditRecord.of(s)) + "\n").getBytes(StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause(); // the client went away
            }
        }
        return Reply.STREAMED;
    }

    private JdbcAuditLog.Query query(Call call) {
        String outcome = call.query("outcome");
        if (outcome != null && !OUTCOMES.contains(outcome)) {
            throw ApiError.badRequest("outcome", "must be one of accepted, denied, failed, ok, refused, succeeded");
        }
        return new JdbcAuditLog.Query(call.query("tenant"), call.query("instance"), call.query("action"), outcome,
                Params.time(call, "since", clock), Params.time(call, "until", clock), Params.id(call, "before"));
    }
}
