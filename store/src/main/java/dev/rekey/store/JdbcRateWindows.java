package dev.rekey.store;

import dev.rekey.core.RateWindows;

import java.sql.SQLException;

/**
 * One row per bucket holding the current one-second window. The conditional UPDATE is atomic in both databases, so
 * concurrent requests on any node can never count past the limit.
 */
public final class JdbcRateWindows implements RateWindows {
    private final Database db;

    public JdbcRateWindows(Database db) {
        this.db = db;
    }

    @Override
    public boolean tryAcquire(String bucket, long second, int limit) {
        if (limit <= 0) return false;
        return db.run(c -> {
            // An UPDATE that matched nothing proves a full window only if the row existed before it ran: a row that
            // another request has just created must be counted against, not taken for a full window.
            boolean rowExisted = false;
            for (int attempt = 0; attempt < 3; attempt++) {
                try (var ps = c.prepareStatement(
                        "UPDATE rate_window SET hits = CASE WHEN window_second = ? THEN hits + 1 ELSE 1 END, window_second = ? "
                                + "WHERE bucket = ? AND (window_second <> ? OR hits < ?)")) {
                    ps.setLong(1, second);
                    ps.setLong(2, second);
                    ps.setString(3, bucket);
                    ps.setLong(4, second);
                    ps.setInt(5, limit);
                    if (ps.executeUpdate() == 1) return true;
                }
                if (rowExisted) return false;
                if (exists(c, bucket)) {
                    rowExisted = true;
                    continue;
                }
                try (var ps = c.prepareStatement("INSERT INTO rate_window (bucket, window_second, hits) VALUES (?, ?, 1)")) {
                    ps.setString(1, bucket);
                    ps.setLong(2, second);
                    ps.executeUpdate();
                    return true;
                } catch (SQLException duplicate) {
                    rowExisted = true; // another request created the row first: count again against it
                }
            }
            return false;
        });
    }

    private static boolean exists(java.sql.Connection c, String bucket) throws SQLException {
        try (var ps = c.prepareStatement("SELECT 1 FROM rate_window WHERE bucket = ?")) {
            ps.setString(1, bucket);
            try (var rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
