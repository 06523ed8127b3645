package dev.rekey.store;

import dev.rekey.core.CvmFacts;
import dev.rekey.core.CvmInstanceState;
import dev.rekey.core.EngineKind;
import dev.rekey.core.Failure;
import dev.rekey.core.Instance;
import dev.rekey.core.InstanceState;
import dev.rekey.core.InstanceStore;
import dev.rekey.core.LatestOperation;
import dev.rekey.core.Lease;
import dev.rekey.core.Lockout;
import dev.rekey.core.NewOperation;
import dev.rekey.core.Operation;
import dev.rekey.core.OperationState;
import dev.rekey.core.Product;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Instances in the {@code instance} table, each read with its latest operation. One change at a time is the row lock
 * plus the {@code active_operation} column; every method here is one short statement or transaction.
 */
public final class JdbcInstanceStore implements InstanceStore {
    static final String SELECT = "SELECT i.id, i.tenant, i.product, i.region, i.name, i.engine_kind, i.host, i.port, "
            + "i.owner_node, i.state, i.active_operation, i.generation, i.password_free, i.release_protection, "
            + "i.engine_version, i.account, i.os, i.image, i.cvm_state, i.stop_charging_mode, i.created_at, i.source, i.overlap_millis, "
            + "o.id AS op_id, o.action AS op_action, o.state AS op_state, o.request_id AS op_request, o.message AS op_message "
            + "FROM instance i LEFT JOIN operation o ON o.id = i.last_operation ";

    private final Database db;
    private final JdbcOperationStore operations;

    /** {@code operations} records the operations this store starts, under its leases. */
    public JdbcInstanceStore(Database db, JdbcOperationStore operations) {
        this.db = db;
        this.operations = operations;
    }

    @Override
    public Optional<Instance> find(String id) {
        return db.run(c -> find(c, id));
    }

    @Override
    public List<Instance> list(String tenant, Product product) {
        return db.run(c -> {
            try (var ps = c.prepareStatement(SELECT + "WHERE i.tenant = ? AND i.product = ? AND i.state <> 'RETIRED' ORDER BY i.created_at, i.id")) {
                ps.setString(1, tenant);
                ps.setString(2, product.name());
                return readAll(ps);
            }
        });
    }

    /** Every instance not retired, for start-up work such as spawning engines. */
    public List<Instance> active() {
        return db.run(c -> {
            try (var ps = c.prepareStatement(SELECT + "WHERE i.state <> 'RETIRED' ORDER BY i.created_at, i.id")) {
                return readAll(ps);
            }
        });
    }

    /**
     * A page of instances for the admin view, in id order after {@code afterId} (null: from the start); null filters
     * do not filter; retired instances only with {@code withRetired}.
     */
    public List<Instance> page(String tenant, Product product, String source, boolean withRetired, String afterId, int limit) {
        var where = new ArrayList<String>();
        var values = new ArrayList<String>();
        if (tenant != null) { where.add("i.tenant = ?"); values.add(tenant); }
        if (product != null) { where.add("i.product = ?"); values.add(product.name()); }
        if (source != null) { where.add("i.source = ?"); values.add(source); }
        if (!withRetired) where.add("i.state <> 'RETIRED'");
        if (afterId != null) { where.add("i.id > ?"); values.add(afterId); }
        String sql = SELECT + (where.isEmpty() ? "" : "WHERE " + String.join(" AND ", where) + " ") + "ORDER BY i.id";
        return db.run(c -> {
            try (var ps = c.prepareStatement(sql)) {
                for (int i = 0; i < values.size(); i++) ps.setString(i + 1, values.get(i));
                ps.setMaxRows(limit);
                return readAll(ps);
            }
        });
    }

    /** Every instance's lockout count that is not zero (a small table: a count ends with the next right password). */
    public java.util.Map<String, Lockout> lockouts() {
        return db.run(c -> {
            var out = new java.util.HashMap<String, Lockout>();
            try (var ps = c.prepareStatement("SELECT instance_id, failures, locked_until FROM lockout"); var rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), new Lockout(rs.getInt(2), rs.getLong(3)));
            }
            return out;
        });
    }

    /** The instance's lockout count as it stands, read without a lock (a cheap look before reading the engine). */
    public Lockout lockout(String id) {
        return db.run(c -> lockout(c, id));
    }

    @Override
    public <T> T withLocked(List<String> ids, Function<Locked, T> body) {
        return db.inTransaction(c -> {
            for (String id : new TreeSet<>(ids)) {
                try (var ps = c.prepareStatement("SELECT id FROM instance WHERE id = ? FOR UPDATE")) {
                    ps.setString(1, id);
                    try (var rs = ps.executeQuery()) {
                        if (!rs.next()) throw new IllegalStateException("instance vanished: " + id);
                    }
                }
            }
            return body.apply(new LockedRows(c, List.copyOf(ids)));
        });
    }

    @Override
    public void rename(String id, String name) {
        update("UPDATE instance SET name = ? WHERE id = ?", name, id);
    }

    @Override
    public void setReleaseProtection(String id, boolean on) {
        db.run(c -> {
            try (var ps = c.prepareStatement("UPDATE instance SET release_protection = ? WHERE id = ?")) {
                ps.setBoolean(1, on);
                ps.setString(2, id);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void setEngineVersion(String id, String version) {
        update("UPDATE instance SET engine_version = ? WHERE id = ?", version, id);
    }

    private void update(String sql, String value, String id) {
        db.run(c -> {
            try (var ps = c.prepareStatement(sql)) {
                ps.setString(1, value);
                ps.setString(2, id);
                return ps.executeUpdate();
            }
        });
    }

    static Optional<Instance> find(Connection c, String id) throws SQLException {
        try (var ps = c.prepareStatement(SELECT + "WHERE i.id = ?")) {
            ps.setString(1, id);
            return readAll(ps).stream().findFirst();
        }
    }

    static List<Instance> readAll(PreparedStatement ps) throws SQLException {
        var out = new ArrayList<Instance>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(read(rs));
        }
        return out;
    }

    private static Instance read(ResultSet rs) throws SQLException {
        Product product = Product.valueOf(rs.getString("product"));
        long active = rs.getLong("active_operation");
        Long activeOperation = rs.wasNull() ? null : active;
        return new Instance(rs.getString("id"), rs.getString("tenant"), product, rs.getString("region"),
                rs.getString("name"), EngineKind.valueOf(rs.getString("engine_kind")), rs.getString("host"),
                rs.getInt("port"), rs.getString("owner_node"), InstanceState.valueOf(rs.getString("state")),
                activeOperation, rs.getLong("generation"), latest(rs), rs.getBoolean("password_free"),
                rs.getBoolean("release_protection"), rs.getString("engine_version"), rs.getString("account"),
                product == Product.TENCENT_CVM ? cvm(rs) : null, Instant.ofEpochMilli(rs.getLong("created_at")),
                rs.getString("source"), Duration.ofMillis(rs.getLong("overlap_millis")));
    }

    private static LatestOperation latest(ResultSet rs) throws SQLException {
        long id = rs.getLong("op_id");
        if (rs.wasNull()) return null;
        return new LatestOperation(id, rs.getString("op_action"),
                LatestOperation.of(OperationState.valueOf(rs.getString("op_state"))), rs.getString("op_request"),
                rs.getString("op_message"));
    }

    private static CvmFacts cvm(ResultSet rs) throws SQLException {
        String state = rs.getString("cvm_state");
        String os = rs.getString("os");
        String mode = rs.getString("stop_charging_mode");
        return new CvmFacts(state == null ? CvmInstanceState.RUNNING : CvmInstanceState.valueOf(state),
                mode == null ? CvmFacts.NOT_APPLICABLE : mode,
                os != null && os.toLowerCase(Locale.ROOT).equals("windows"),
                rs.getString("image") == null ? "" : rs.getString("image"));
    }

    static Lockout lockout(Connection c, String id) throws SQLException {
        try (var ps = c.prepareStatement("SELECT failures, locked_until FROM lockout WHERE instance_id = ?")) {
            ps.setString(1, id);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? new Lockout(rs.getInt(1), rs.getLong(2)) : Lockout.NONE;
            }
        }
    }

    /** The rows locked by {@link #withLocked}; each write is one statement of the surrounding transaction. */
    private final class LockedRows implements Locked {
        private final Connection c;
        private final List<String> ids;

        LockedRows(Connection c, List<String> ids) {
            this.c = c;
            this.ids = ids;
        }

        private void requireLocked(String id) {
            if (!ids.contains(id)) throw new IllegalArgumentException("instance " + id + " is not locked here");
        }

        @Override
        public Instance instance(String id) {
            requireLocked(id);
            return sql(() -> find(c, id).orElseThrow());
        }

        @Override
        public Lockout lockout(String id) {
            requireLocked(id);
            return sql(() -> JdbcInstanceStore.lockout(c, id));
        }

        @Override
        public void setLockout(String id, Lockout lockout) {
            requireLocked(id);
            sql(() -> {
                try (var del = c.prepareStatement("DELETE FROM lockout WHERE instance_id = ?")) {
                    del.setString(1, id);
                    del.executeUpdate();
                }
                if (lockout.equals(Lockout.NONE)) return null;
                try (var ins = c.prepareStatement("INSERT INTO lockout (instance_id, failures, locked_until) VALUES (?, ?, ?)")) {
                    ins.setString(1, id);
                    ins.setInt(2, lockout.failures());
                    ins.setLong(3, lockout.lockedUntilMillis());
                    ins.executeUpdate();
                }
                return null;
            });
        }

        @Override
        public Started start(NewOperation n, boolean leaseHere) {
            requireLocked(n.instanceId());
            return sql(() -> {
                Started started = operations.insert(c, n, leaseHere ? OperationState.RUNNING : OperationState.QUEUED, leaseHere);
                hold(n.instanceId(), started.operation().id());
                return started;
            });
        }

        @Override
        public Operation accept(Lease lease, String newFingerprint, String sealedPrevious) {
            return sql(() -> {
                Operation op = operations.fenced(c, lease, "UPDATE operation SET state = 'RUNNING', new_fingerprint = ?, "
                        + "sealed_previous = ? WHERE id = ? AND lease_epoch = ? AND state = 'REQUESTED'", newFingerprint, sealedPrevious);
                requireLocked(op.instanceId());
                hold(op.instanceId(), op.id());
                return JdbcOperationStore.find(c, op.id()).orElseThrow();
            });
        }

        @Override
        public Operation refuse(Lease lease, Failure failure) {
            return sql(() -> {
                operations.fenced(c, lease, "UPDATE operation SET state = 'REFUSED', message = ?, error_code = ?, error_detail = ?, "
                                + "finished_at = ?, sealed_request = NULL, lease_until = NULL WHERE id = ? AND lease_epoch = ? "
                                + "AND state = 'REQUESTED'", failure.message(), failure.code().name(),
                        Failure.detailOf(failure), operations.now());
                return JdbcOperationStore.find(c, lease.operationId()).orElseThrow();
            });
        }

        @Override
        public void setCvmState(String id, CvmInstanceState state, String stopChargingMode) {
            requireLocked(id);
            sql(() -> {
                try (var ps = c.prepareStatement("UPDATE instance SET cvm_state = ?, stop_charging_mode = COALESCE(?, stop_charging_mode) WHERE id = ?")) {
                    ps.setString(1, state.name());
                    ps.setString(2, stopChargingMode);
                    ps.setString(3, id);
                    return ps.executeUpdate();
                }
            });
        }

        private void hold(String instanceId, long operationId) throws SQLException {
            try (var ps = c.prepareStatement("UPDATE instance SET active_operation = ?, last_operation = ? WHERE id = ? AND active_operation IS NULL")) {
                ps.setLong(1, operationId);
                ps.setLong(2, operationId);
                ps.setString(3, instanceId);
                if (ps.executeUpdate() != 1) throw new IllegalStateException("instance " + instanceId + " became busy");
            }
        }
    }

    @FunctionalInterface
    interface Sql<T> {
        T run() throws SQLException;
    }

    static <T> T sql(Sql<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new StoreException("store operation failed: " + e.getMessage(), e);
        }
    }
}
