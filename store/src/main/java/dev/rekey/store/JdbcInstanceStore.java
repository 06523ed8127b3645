package dev.rekey.store;

import dev.rekey.core.EngineKind;
import dev.rekey.core.Instance;
import dev.rekey.core.InstanceState;
import dev.rekey.core.InstanceStore;
import dev.rekey.core.Product;
import dev.rekey.core.Task;
import dev.rekey.core.TaskStatus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Instances in the {@code instance} table; one change at a time is a row lock plus the {@code active_task} column. */
public final class JdbcInstanceStore implements InstanceStore {
    static final String COLUMNS = "id, tenant, product, region, name, engine_kind, host, port, state, active_task, attributes";
    /** How long a node may take to finish a task before another node reconciles it, by default. */
    public static final long DEFAULT_LEASE_MILLIS = 30_000;
    private final Database db;
    private final Clock clock;
    private final String node;
    private final long leaseMillis;

    public JdbcInstanceStore(Database db, Clock clock) {
        this(db, clock, "local", DEFAULT_LEASE_MILLIS);
    }

    public JdbcInstanceStore(Database db, Clock clock, String node, long leaseMillis) {
        this.db = db;
        this.clock = clock;
        this.node = node;
        this.leaseMillis = leaseMillis;
    }

    @Override
    public Optional<Instance> find(String id) {
        return db.run(c -> find(c, id, false));
    }

    @Override
    public List<Instance> list(String tenant, Product product) {
        return db.run(c -> {
            try (var ps = c.prepareStatement("SELECT " + COLUMNS + " FROM instance WHERE tenant = ? AND product = ? AND state <> 'RETIRED' ORDER BY created_at, id")) {
                ps.setString(1, tenant);
                ps.setString(2, product.name());
                return readAll(ps);
            }
        });
    }

    /** Every instance not retired, for start-up work such as spawning engines. */
    public List<Instance> active() {
        return db.run(c -> {
            try (var ps = c.prepareStatement("SELECT " + COLUMNS + " FROM instance WHERE state <> 'RETIRED' ORDER BY created_at, id")) {
                return readAll(ps);
            }
        });
    }

    @Override
    public <T> T withExclusive(String id, Function<LockedInstance, T> body) {
        return db.inTransaction(c -> {
            Instance instance = find(c, id, true).orElseThrow(() -> new IllegalStateException("instance vanished: " + id));
            return body.apply(new Locked(c, instance));
        });
    }

    @Override
    public void setAttribute(String id, String key, String value) {
        db.inTransaction(c -> {
            Instance instance = find(c, id, true).orElseThrow();
            writeAttribute(c, instance, key, value);
            return null;
        });
    }

    @Override
    public void rename(String id, String name) {
        db.run(c -> {
            try (var ps = c.prepareStatement("UPDATE instance SET name = ? WHERE id = ?")) {
                ps.setString(1, name);
                ps.setString(2, id);
                return ps.executeUpdate();
            }
        });
    }

    private static void writeAttribute(Connection c, Instance instance, String key, String value) throws SQLException {
        var attrs = new HashMap<>(instance.attributes());
        if (value == null) attrs.remove(key);
        else attrs.put(key, value);
        try (var ps = c.prepareStatement("UPDATE instance SET attributes = ? WHERE id = ?")) {
            ps.setString(1, Json.write(attrs));
            ps.setString(2, instance.id());
            ps.executeUpdate();
        }
    }

    static Optional<Instance> find(Connection c, String id, boolean forUpdate) throws SQLException {
        try (var ps = c.prepareStatement("SELECT " + COLUMNS + " FROM instance WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setString(1, id);
            List<Instance> all = readAll(ps);
            return all.stream().findFirst();
        }
    }

    static List<Instance> readAll(PreparedStatement ps) throws SQLException {
        var out = new ArrayList<Instance>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long task = rs.getLong("active_task");
                Long activeTask = rs.wasNull() ? null : task;
                out.add(new Instance(rs.getString("id"), rs.getString("tenant"), Product.valueOf(rs.getString("product")),
                        rs.getString("region"), rs.getString("name"), EngineKind.valueOf(rs.getString("engine_kind")),
                        rs.getString("host"), rs.getInt("port"), InstanceState.valueOf(rs.getString("state")),
                        activeTask, Json.read(rs.getString("attributes"))));
            }
        }
        return out;
    }

    private final class Locked implements LockedInstance {
        private final Connection c;
        private Instance instance;

        Locked(Connection c, Instance instance) {
            this.c = c;
            this.instance = instance;
        }

        @Override
        public Instance instance() {
            return instance;
        }

        @Override
        public Task startTask(String kind, String requestId, String newFingerprint, String sealedPrevious) {
            try {
                long now = clock.millis();
                long id;
                try (var ps = c.prepareStatement("INSERT INTO task (instance_id, tenant, kind, status, request_id, message, new_fingerprint, sealed_previous, created_at, lease_owner, lease_until) "
                                + "VALUES (?, ?, ?, 'PREPARING', ?, '', ?, ?, ?, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    ps.setString(1, instance.id());
                    ps.setString(2, instance.tenant());
                    ps.setString(3, kind);
                    ps.setString(4, requestId);
                    ps.setString(5, newFingerprint);
                    ps.setString(6, sealedPrevious);
                    ps.setLong(7, now);
                    ps.setString(8, node);
                    ps.setLong(9, now + leaseMillis);
                    ps.executeUpdate();
                    try (var keys = ps.getGeneratedKeys()) {
                        keys.next();
                        id = keys.getLong(1);
                    }
                }
                try (var ps = c.prepareStatement("UPDATE instance SET active_task = ?, state = 'CHANGING' WHERE id = ? AND active_task IS NULL")) {
                    ps.setLong(1, id);
                    ps.setString(2, instance.id());
                    if (ps.executeUpdate() != 1) throw new IllegalStateException("instance " + instance.id() + " became busy");
                }
                return new Task(id, instance.id(), instance.tenant(), kind, TaskStatus.PREPARING, requestId, "",
                        newFingerprint, sealedPrevious, java.time.Instant.ofEpochMilli(now), null);
            } catch (SQLException e) {
                throw new StoreException("could not record the task: " + e.getMessage(), e);
            }
        }

        @Override
        public void setAttribute(String key, String value) {
            try {
                writeAttribute(c, instance, key, value);
                instance = find(c, instance.id(), false).orElseThrow();
            } catch (SQLException e) {
                throw new StoreException("could not update the instance: " + e.getMessage(), e);
            }
        }
    }
}
