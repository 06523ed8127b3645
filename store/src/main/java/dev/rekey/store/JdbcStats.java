package dev.rekey.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts the whole fleet shares, read from the store for the metrics: operations by kind and state, instances locked
 * out, active instances by product and source. A handful of grouped queries, whatever the fleet's size.
 */
public final class JdbcStats {
    private final Database db;

    public JdbcStats(Database db) {
        this.db = db;
    }

    /** One count of a group: {@code labels} are the grouped columns' values, in the query's order. */
    public record Count(List<String> labels, long count) {
    }

    /** What one read found; {@code lockedInstances} are those whose lock has not ended at the time given. */
    public record Snapshot(List<Count> operations, long lockedInstances, List<Count> instances) {
    }

    public Snapshot read(long nowMillis) {
        return db.run(c -> {
            List<Count> operations = grouped(c, "SELECT kind, state, COUNT(*) FROM operation GROUP BY kind, state", 2);
            long locked;
            try (var ps = c.prepareStatement("SELECT COUNT(*) FROM lockout WHERE locked_until > ?")) {
                ps.setLong(1, nowMillis);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    locked = rs.getLong(1);
                }
            }
            List<Count> instances = grouped(c, "SELECT product, source, COUNT(*) FROM instance WHERE state <> 'RETIRED' "
                    + "GROUP BY product, source", 2);
            return new Snapshot(operations, locked, instances);
        });
    }

    private static List<Count> grouped(java.sql.Connection c, String sql, int labels) throws java.sql.SQLException {
        var out = new ArrayList<Count>();
        try (var ps = c.prepareStatement(sql); var rs = ps.executeQuery()) {
            while (rs.next()) {
                var values = new ArrayList<String>();
                for (int i = 1; i <= labels; i++) values.add(rs.getString(i));
                out.add(new Count(List.copyOf(values), rs.getLong(labels + 1)));
            }
        }
        return out;
    }
}
