package dev.rekey.store;

import dev.rekey.core.EngineKind;
import dev.rekey.core.Product;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Instances registered, changed and retired at run time (source {@code api}), and what every node reads to attach
 * their engines. Each change bumps the catalog revision in the same transaction, so a node learns that it must look
 * again by reading one row.
 */
public final class JdbcFleet {
    private static final String REVISION = "catalog-revision";
    private static final String ATTACHMENT = "SELECT id, engine_kind, host, port, owner_node, engine_config, sealed_admin, "
            + "source FROM instance WHERE state <> 'RETIRED'";
    private final Database db;
    private final Clock clock;

    public JdbcFleet(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** An id that is already registered (and not retired). */
    public static final class Conflict extends RuntimeException {
        private final String id;

        public Conflict(String id) {
            super("the instance " + id + " is already registered");
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /**
     * What a node needs to attach an instance's engine. {@link #signature()} changes whenever any of it changes, so
     * a node can tell that an attached engine is out of date.
     */
    public record Attachment(String id, EngineKind kind, String host, int port, String ownerNode,
                             Map<String, String> engineConfig, String sealedAdmin, String source) {
        public String signature() {
            return kind + "|" + host + "|" + port + "|" + ownerNode + "|" + Json.write(engineConfig) + "|" + sealedAdmin;
        }
    }

    /** A registration as it happened: {@code created} false when a retired instance of that id came back. */
    public record Registered(String id, boolean created) {
    }

    /** Grows with every change of what the active instances are or how their engines are reached. */
    public long revision() {
        return db.run(c -> {
            try (var ps = c.prepareStatement("SELECT val FROM meta WHERE name = ?")) {
                ps.setString(1, REVISION);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? Long.parseLong(rs.getString(1)) : 0L;
                }
            }
        });
    }

    /** Bumps the revision on its own (the configuration was applied at a start). */
    public void bump() {
        db.inTransaction(c -> {
            bump(c);
            return null;
        });
    }

    public List<Attachment> attachments() {
        return db.run(c -> {
            try (var ps = c.prepareStatement(ATTACHMENT + " ORDER BY created_at, id"); var rs = ps.executeQuery()) {
                var out = new ArrayList<Attachment>();
                while (rs.next()) out.add(attachment(rs));
                return out;
            }
        });
    }

    public Optional<Attachment> attachment(String id) {
        return db.run(c -> {
            try (var ps = c.prepareStatement(ATTACHMENT + " AND id = ?")) {
                ps.setString(1, id);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(attachment(rs)) : Optional.empty();
                }
            }
        });
    }

    /**
     * Registers every row in one transaction, or none: an id that is active already fails the whole batch with
     * {@link Conflict}. A retired instance of the same id comes back with its history. A spawned engine's instance is
     * owned by {@code node} from the start, so that no other node spawns it meanwhile.
     */
    public List<Registered> register(List<JdbcCatalog.InstanceRow> rows, String node) {
        return db.inTransaction(c -> {
            var out = new ArrayList<Registered>();
            try (var insert = c.prepareStatement("INSERT INTO instance (id, tenant, product, region, name, engine_kind, host, port, "
                    + "state, engine_config, sealed_admin, created_at, account, os, image, cvm_state, stop_charging_mode, source, "
                    + "owner_node, overlap_millis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'RUNNING', ?, ?, ?, ?, ?, ?, ?, ?, 'api', ?, ?)")) {
                for (JdbcCatalog.InstanceRow r : rows) {
                    String state = state(c, r.id());
                    if (state != null && !state.equals("RETIRED")) throw new Conflict(r.id());
                    String owner = spawned(r) ? node : null;
                    if (state != null) {
                        comeBack(c, r, owner);
                        out.add(new Registered(r.id(), false));
                        continue;
                    }
                    boolean cvm = r.product() == Product.TENCENT_CVM;
                    insert.setString(1, r.id());
                    insert.setString(2, r.tenant());
                    insert.setString(3, r.product().name());
                    insert.setString(4, r.region());
                    insert.setString(5, r.name());
                    insert.setString(6, r.engineKind().name());
                    insert.setString(7, r.host());
                    insert.setInt(8, r.port());
                    insert.setString(9, Json.write(r.engineConfig()));
                    insert.setString(10, r.sealedAdmin());
                    insert.setLong(11, clock.millis());
                    insert.setString(12, r.account());
                    insert.setString(13, r.os());
                    insert.setString(14, r.image());
                    insert.setString(15, cvm ? "RUNNING" : null);
                    insert.setString(16, cvm ? "NOT_APPLICABLE" : null);
                    insert.setString(17, owner);
                    insert.setLong(18, r.overlap().toMillis());
                    insert.addBatch();
                    out.add(new Registered(r.id(), true));
                }
                insert.executeBatch();
            }
            bump(c);
            return out;
        });
    }

    /** Undoes a registration whose engine could not be attached: new rows are deleted, returning ones retired again. */
    public void unregister(List<Registered> registered) {
        db.inTransaction(c -> {
            try (var delete = c.prepareStatement("DELETE FROM instance WHERE id = ?");
                 var retire = c.prepareStatement("UPDATE instance SET state = 'RETIRED' WHERE id = ?")) {
                for (Registered r : registered) {
                    var ps = r.created() ? delete : retire;
                    ps.setString(1, r.id());
                    ps.executeUpdate();
                }
            }
            bump(c);
            return null;
        });
    }

    /** Changes what the admin API may change of an active instance: its name, region and how its engine is reached. */
    public boolean update(JdbcCatalog.InstanceRow r) {
        return db.inTransaction(c -> {
            int n;
            try (var ps = c.prepareStatement("UPDATE instance SET region = ?, name = ?, host = CASE WHEN ? THEN host ELSE ? END, "
                    + "port = CASE WHEN ? THEN port ELSE ? END, engine_config = ?, sealed_admin = ?, account = ?, os = ?, image = ?, "
                    + "overlap_millis = ? WHERE id = ? AND state <> 'RETIRED'")) {
                boolean spawned = spawned(r);
                ps.setString(1, r.region());
                ps.setString(2, r.name());
                ps.setBoolean(3, spawned);
                ps.setString(4, r.host());
                ps.setBoolean(5, spawned);
                ps.setInt(6, r.port());
                ps.setString(7, Json.write(r.engineConfig()));
                ps.setString(8, r.sealedAdmin());
                ps.setString(9, r.account());
                ps.setString(10, r.os());
                ps.setString(11, r.image());
                ps.setLong(12, r.overlap().toMillis());
                ps.setString(13, r.id());
                n = ps.executeUpdate();
            }
            if (n == 1) bump(c);
            return n == 1;
        });
    }

    /** Retires an active instance that no operation holds (its history is kept); false when it is not so. */
    public boolean retire(String id) {
        return db.inTransaction(c -> {
            int n;
            try (var ps = c.prepareStatement("UPDATE instance SET state = 'RETIRED' WHERE id = ? AND state <> 'RETIRED' "
                    + "AND active_operation IS NULL")) {
                ps.setString(1, id);
                n = ps.executeUpdate();
            }
            if (n == 1) bump(c);
            return n == 1;
        });
    }

    private static boolean spawned(JdbcCatalog.InstanceRow r) {
        return "true".equals(r.engineConfig().get("spawn"));
    }

    private void comeBack(Connection c, JdbcCatalog.InstanceRow r, String owner) throws SQLException {
        try (var ps = c.prepareStatement("UPDATE instance SET tenant = ?, product = ?, region = ?, name = ?, engine_kind = ?, "
                + "host = ?, port = ?, engine_config = ?, sealed_admin = ?, account = ?, os = ?, image = ?, state = 'RUNNING', "
                + "source = 'api', owner_node = ?, overlap_millis = ? WHERE id = ?")) {
            ps.setString(1, r.tenant());
            ps.setString(2, r.product().name());
            ps.setString(3, r.region());
            ps.setString(4, r.name());
            ps.setString(5, r.engineKind().name());
            ps.setString(6, r.host());
            ps.setInt(7, r.port());
            ps.setString(8, Json.write(r.engineConfig()));
            ps.setString(9, r.sealedAdmin());
            ps.setString(10, r.account());
            ps.setString(11, r.os());
            ps.setString(12, r.image());
            ps.setString(13, owner);
            ps.setLong(14, r.overlap().toMillis());
            ps.setString(15, r.id());
            ps.executeUpdate();
        }
    }

    private static String state(Connection c, String id) throws SQLException {
        try (var ps = c.prepareStatement("SELECT state FROM instance WHERE id = ? FOR UPDATE")) {
            ps.setString(1, id);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    static void bump(Connection c) throws SQLException {
        try (var ps = c.prepareStatement("UPDATE meta SET val = ? WHERE name = ?")) {
            long next = currentRevision(c) + 1;
            ps.setString(1, Long.toString(next));
            ps.setString(2, REVISION);
            if (ps.executeUpdate() == 1) return;
        }
        try (var ps = c.prepareStatement("INSERT INTO meta (name, val) VALUES (?, '1')")) {
            ps.setString(1, REVISION);
            ps.executeUpdate();
        }
    }

    private static long currentRevision(Connection c) throws SQLException {
        try (var ps = c.prepareStatement("SELECT val FROM meta WHERE name = ? FOR UPDATE")) {
            ps.setString(1, REVISION);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? Long.parseLong(rs.getString(1)) : 0L;
            }
        }
    }

    private static Attachment attachment(ResultSet rs) throws SQLException {
        return new Attachment(rs.getString("id"), EngineKind.valueOf(rs.getString("engine_kind")), rs.getString("host"),
                rs.getInt("port"), rs.getString("owner_node"), Json.read(rs.getString("engine_config")),
                rs.getString("sealed_admin"), rs.getString("source"));
    }
}
