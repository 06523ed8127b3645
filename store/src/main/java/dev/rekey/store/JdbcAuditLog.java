package dev.rekey.store;

import dev.rekey.core.AuditEntry;
import dev.rekey.core.AuditLog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The audit trail in the {@code audit} table. Entries carry no secrets by construction (see {@link AuditEntry}). */
public final class JdbcAuditLog implements AuditLog {
    private final Database db;

    public JdbcAuditLog(Database db) {
        this.db = db;
    }

    @Override
    public void record(AuditEntry e) {
        db.run(c -> {
            try (var ps = c.prepareStatement("INSERT INTO audit (at, tenant, actor, action, instance_id, outcome, request_id) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, e.at().toEpochMilli());
                ps.setString(2, e.tenant());
                ps.setString(3, e.actor());
                ps.setString(4, e.action());
                ps.setString(5, e.instanceId());
                ps.setString(6, truncate(e.outcome()));
                ps.setString(7, e.requestId());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public List<AuditEntry> recent(int limit) {
        return db.run(c -> {
            try (var ps = c.prepareStatement("SELECT at, tenant, actor, action, instance_id, outcome, request_id FROM audit ORDER BY id DESC")) {
                ps.setMaxRows(limit);
                var out = new ArrayList<AuditEntry>();
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new AuditEntry(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)));
                    }
                }
                return out;
            }
        });
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 2000);
    }
}
