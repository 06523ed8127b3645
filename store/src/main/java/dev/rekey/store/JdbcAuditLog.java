package dev.rekey.store;

import dev.rekey.core.AuditEntry;
import dev.rekey.core.AuditLog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The audit trail in the {@code audit} table. Entries carry no secrets by construction (see {@link AuditEntry}). */
public final class JdbcAuditLog implements AuditLog {
    private static final String INSERT = "INSERT INTO audit (at, tenant, actor, action, instance_id, outcome, request_id, "
            + "source_address, outcome_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String COLUMNS = "id, at, tenant, actor, action, instance_id, outcome, request_id, source_address, outcome_code";
    private final Database db;

    public JdbcAuditLog(Database db) {
        this.db = db;
    }

    /** An audit record as stored, with its id (the order records were written in, and the paging cursor). */
    public record Stored(long id, AuditEntry entry) {
    }

    /**
     * A filter of the audit trail; null fields do not filter. {@code since} is inclusive, {@code until} exclusive;
     * {@code beforeId} pages backwards (records older than that id).
     */
    public record Query(String tenant, String instanceId, String action, String outcomeCode, Instant since,
                        Instant until, Long beforeId) {
        public static final Query ALL = new Query(null, null, null, null, null, null, null);
    }

    @Override
    public void record(AuditEntry e) {
        db.run(c -> {
            try (var ps = c.prepareStatement(INSERT)) {
                bind(ps, e);
                return ps.executeUpdate();
            }
        });
    }

    /** Records many entries in one transaction (a bulk admin action audits each instance it touched). */
    public void recordAll(List<AuditEntry> entries) {
        db.inTransaction(c -> {
            try (var ps = c.prepareStatement(INSERT)) {
                for (AuditEntry e : entries) {
                    bind(ps, e);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    private static void bind(PreparedStatement ps, AuditEntry e) throws SQLException {
        ps.setLong(1, e.at().toEpochMilli());
        ps.setString(2, e.tenant());
        ps.setString(3, e.actor());
        ps.setString(4, e.action());
        ps.setString(5, e.instanceId());
        ps.setString(6, truncate(e.outcome(), 2000));
        ps.setString(7, e.requestId());
        ps.setString(8, truncate(e.sourceAddress(), 64));
        ps.setString(9, e.outcomeCode());
    }

    @Override
    public List<AuditEntry> recent(int limit) {
        return query(Query.ALL, limit).stream().map(Stored::entry).toList();
    }

    /** The newest records matching {@code q}, newest first, at most {@code limit}. */
    public List<Stored> query(Query q, int limit) {
        var out = new ArrayList<Stored>();
        stream(q, limit, out::add);
        return out;
    }

    /** Every record matching {@code q}, newest first, handed over one at a time (an export of any size). */
    public void stream(Query q, int limit, Consumer<Stored> sink) {
        // in a transaction, so that PostgreSQL reads through a cursor rather than all rows at once
        db.inTransaction(c -> {
            try (var ps = prepare(c, q)) {
                if (limit > 0) ps.setMaxRows(limit);
                ps.setFetchSize(limit > 0 ? Math.min(limit, 500) : 500);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) sink.accept(read(rs));
                }
            }
            return null;
        });
    }

    private static PreparedStatement prepare(Connection c, Query q) throws SQLException {
        var where = new ArrayList<String>();
        var values = new ArrayList<Object>();
        add(where, values, "tenant = ?", q.tenant());
        add(where, values, "instance_id = ?", q.instanceId());
        add(where, values, "action = ?", q.action());
        add(where, values, "outcome_code = ?", q.outcomeCode());
        add(where, values, "at >= ?", q.since() == null ? null : q.since().toEpochMilli());
        add(where, values, "at < ?", q.until() == null ? null : q.until().toEpochMilli());
        add(where, values, "id < ?", q.beforeId());
        String sql = "SELECT " + COLUMNS + " FROM audit" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY id DESC";
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) instanceof Long l) ps.setLong(i + 1, l);
            else ps.setString(i + 1, (String) values.get(i));
        }
        return ps;
    }

    private static void add(List<String> where, List<Object> values, String clause, Object value) {
        if (value == null) return;
        where.add(clause);
        values.add(value);
    }

    private static Stored read(ResultSet rs) throws SQLException {
        return new Stored(rs.getLong("id"), new AuditEntry(Instant.ofEpochMilli(rs.getLong("at")), rs.getString("tenant"),
                rs.getString("actor"), rs.getString("action"), rs.getString("instance_id"), rs.getString("outcome"),
                rs.getString("request_id"), rs.getString("source_address"), rs.getString("outcome_code")));
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
