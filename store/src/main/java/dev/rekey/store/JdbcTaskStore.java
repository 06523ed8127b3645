package dev.rekey.store;

import dev.rekey.core.Task;
import dev.rekey.core.TaskStatus;
import dev.rekey.core.TaskStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Tasks in the {@code task} table; finishing a task frees its instance in the same transaction. */
public final class JdbcTaskStore implements TaskStore {
    private static final String COLUMNS = "id, instance_id, tenant, kind, status, request_id, message, new_fingerprint, sealed_previous, created_at, finished_at";
    private final Database db;
    private final Clock clock;
    private final long leaseMillis;
    private final String node;

    public JdbcTaskStore(Database db, Clock clock) {
        this(db, clock, JdbcInstanceStore.DEFAULT_LEASE_MILLIS, "local");
    }

    public JdbcTaskStore(Database db, Clock clock, long leaseMillis, String node) {
        this.db = db;
        this.clock = clock;
        this.leaseMillis = leaseMillis;
        this.node = node;
    }

    /** Well inside the lease, so that one slow round trip cannot lose it. */
    @Override
    public java.time.Duration renewEvery() {
        return java.time.Duration.ofMillis(Math.max(100, leaseMillis / 3));
    }

    @Override
    public void releaseLease(long id) {
        db.run(c -> {
            try (var ps = c.prepareStatement("UPDATE task SET lease_owner = NULL, lease_until = 0 WHERE id = ? AND lease_owner = ?")) {
                ps.setLong(1, id);
                ps.setString(2, node);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public boolean renewLease(long id) {
        return db.run(c -> {
            try (var ps = c.prepareStatement("UPDATE task SET lease_until = ? WHERE id = ? AND lease_owner = ? AND status IN ('PREPARING', 'RUNNING')")) {
                ps.setLong(1, clock.millis() + leaseMillis);
                ps.setLong(2, id);
                ps.setString(3, node);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<Task> find(long id) {
        return db.run(c -> {
            try (var ps = c.prepareStatement("SELECT " + COLUMNS + " FROM task WHERE id = ?")) {
                ps.setLong(1, id);
                return readAll(ps).stream().findFirst();
            }
        });
    }

    @Override
    public void markRunning(long id) {
        db.run(c -> {
            try (var ps = c.prepareStatement("UPDATE task SET status = 'RUNNING' WHERE id = ? AND status = 'PREPARING'")) {
                ps.setLong(1, id);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void finish(long id, TaskStatus status, String message) {
        if (!status.finished()) throw new IllegalArgumentException("not a final status: " + status);
        db.inTransaction(c -> {
            String instanceId;
            try (var ps = c.prepareStatement("SELECT instance_id FROM task WHERE id = ? FOR UPDATE")) {
                ps.setLong(1, id);
                try (var rs = ps.executeQuery()) {
                    if (!rs.next()) return null;
                    instanceId = rs.getString(1);
                }
            }
            // The sealed previous state is only needed while the task can still be rolled back: erase it now.
            try (var ps = c.prepareStatement("UPDATE task SET status = ?, message = ?, finished_at = ?, sealed_previous = NULL WHERE id = ?")) {
                ps.setString(1, status.name());
                ps.setString(2, message);
                ps.setLong(3, clock.millis());
                ps.setLong(4, id);
                ps.executeUpdate();
            }
            try (var ps = c.prepareStatement("UPDATE instance SET active_task = NULL, state = CASE WHEN state = 'CHANGING' THEN 'RUNNING' ELSE state END WHERE id = ? AND active_task = ?")) {
                ps.setString(1, instanceId);
                ps.setLong(2, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<Task> unfinished() {
        return db.run(c -> {
            try (var ps = c.prepareStatement("SELECT " + COLUMNS + " FROM task WHERE status IN ('PREPARING', 'RUNNING') ORDER BY id")) {
                return readAll(ps);
            }
        });
    }

    @Override
    public List<Task> claimOrphans(String node, boolean includeOwn, int max) {
        return db.inTransaction(c -> {
            long now = clock.millis();
            List<Task> claimed;
            String own = includeOwn ? " OR lease_owner = ?" : "";
            try (var ps = c.prepareStatement("SELECT " + COLUMNS + " FROM task WHERE status IN ('PREPARING', 'RUNNING') "
                    + "AND (lease_until IS NULL OR lease_until < ?" + own + ") ORDER BY id FOR UPDATE SKIP LOCKED")) {
                ps.setLong(1, now);
                if (includeOwn) ps.setString(2, node);
                ps.setMaxRows(max);
                claimed = readAll(ps);
            }
            try (var ps = c.prepareStatement("UPDATE task SET lease_owner = ?, lease_until = ? WHERE id = ?")) {
                for (Task t : claimed) {
                    ps.setString(1, node);
                    ps.setLong(2, now + leaseMillis);
                    ps.setLong(3, t.id());
                    ps.executeUpdate();
                }
            }
            return claimed;
        });
    }

    /** The newest tasks of an instance, newest first (for describe actions and the CLI). */
    public List<Task> ofInstance(String instanceId, int limit) {
        return db.run(c -> {
            try (var ps = c.prepareStatement("SELECT " + COLUMNS + " FROM task WHERE instance_id = ? ORDER BY id DESC")) {
                ps.setString(1, instanceId);
                ps.setMaxRows(limit);
                return readAll(ps);
            }
        });
    }

    private static List<Task> readAll(PreparedStatement ps) throws SQLException {
        var out = new ArrayList<Task>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long finished = rs.getLong("finished_at");
                Instant finishedAt = rs.wasNull() ? null : Instant.ofEpochMilli(finished);
                out.add(new Task(rs.getLong("id"), rs.getString("instance_id"), rs.getString("tenant"), rs.getString("kind"),
                        TaskStatus.valueOf(rs.getString("status")), rs.getString("request_id"), rs.getString("message"),
                        rs.getString("new_fingerprint"), rs.getString("sealed_previous"),
                        Instant.ofEpochMilli(rs.getLong("created_at")), finishedAt));
            }
        }
        return out;
    }
}
