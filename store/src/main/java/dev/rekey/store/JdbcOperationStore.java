package dev.rekey.store;

import dev.rekey.core.CvmInstanceState;
import dev.rekey.core.InstanceStore;
import dev.rekey.core.Lease;
import dev.rekey.core.LeaseLostException;
import dev.rekey.core.NewOperation;
import dev.rekey.core.Operation;
import dev.rekey.core.OperationKind;
import dev.rekey.core.OperationState;
import dev.rekey.core.OperationStore;
import dev.rekey.core.Proof;
import dev.rekey.core.StopType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Operations in the {@code operation} table. A lease is (owner node, expiry, epoch); every claim increments the
 * epoch, and every write an applier makes names the epoch it holds, so a node that lost its lease cannot change the
 * operation any more (its write updates no row and fails with {@link LeaseLostException}).
 */
public final class JdbcOperationStore implements OperationStore {
    static final String COLUMNS = "id, instance_id, tenant, kind, action, request_id, state, applier_node, lease_owner, "
            + "lease_epoch, created_at, finished_at, message, error_code, error_detail, proof, new_fingerprint, "
            + "sealed_previous, sealed_request, target_user, stop_type, stopped_mode, pending_hash, overlap_millis, due_at, "
            + "roll_back";
    private static final String OPEN = "('REQUESTED', 'QUEUED', 'RUNNING', 'OVERLAP')";

    private final Database db;
    private final Clock clock;
    private final String node;
    private final long leaseMillis;

    /** {@code node} holds the leases this store takes; {@code lease} is how long one lasts unless renewed. */
    public JdbcOperationStore(Database db, Clock clock, String node, Duration lease) {
        this.db = db;
        this.clock = clock;
        this.node = node;
        this.leaseMillis = lease.toMillis();
    }

    long now() {
        return clock.millis();
    }

    /** Well inside the lease, so that one slow round trip cannot lose it. */
    @Override
    public Duration renewEvery() {
        return Duration.ofMillis(Math.max(100, leaseMillis / 3));
    }

    @Override
    public Optional<Operation> find(long id) {
        return db.run(c -> find(c, id));
    }

    static Optional<Operation> find(Connection c, long id) throws SQLException {
        try (var ps = c.prepareStatement("SELECT " + COLUMNS + " FROM operation WHERE id = ?")) {
            ps.setLong(1, id);
            return readAll(ps).stream().findFirst();
        }
    }

    @Override
    public List<Operation> ofInstance(String instanceId, int limit) {
        return db.run(c -> {
            try (var ps = c.prepareStatement("SELECT " + COLUMNS + " FROM operation WHERE instance_id = ? ORDER BY id DESC")) {
                ps.setString(1, instanceId);
                ps.setMaxRows(limit);
                return readAll(ps);
            }
        });
    }

    /** Operations not finished yet, oldest first (tests and the admin view). */
    public List<Operation> unfinished() {
        return db.run(c -> {
            try (var ps = c.prepareStatement("SELECT " + COLUMNS + " FROM operation WHERE state IN " + OPEN + " ORDER BY id")) {
                return readAll(ps);
            }
        });
    }

    /** A filter of operations for the admin view; null fields do not filter; {@code beforeId} pages backwards. */
    public record Filter(String instanceId, String tenant, OperationKind kind, OperationState state, String action,
                         Long beforeId) {
    }

    /** The newest operations matching {@code f}, newest first. */
    public List<Operation> query(Filter f, int limit) {
        var where = new ArrayList<String>();
        var values = new ArrayList<Object>();
        if (f.instanceId() != null) { where.add("instance_id = ?"); values.add(f.instanceId()); }
        if (f.tenant() != null) { where.add("tenant = ?"); values.add(f.tenant()); }
        if (f.kind() != null) { where.add("kind = ?"); values.add(f.kind().name()); }
        if (f.state() != null) { where.add("state = ?"); values.add(f.state().name()); }
        if (f.action() != null) { where.add("action = ?"); values.add(f.action()); }
        if (f.beforeId() != null) { where.add("id < ?"); values.add(f.beforeId()); }
        String sql = "SELECT " + COLUMNS + " FROM operation" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY id DESC";
        return db.run(c -> {
            try (var ps = c.prepareStatement(sql)) {
                for (int i = 0; i < values.size(); i++) {
                    if (values.get(i) instanceof Long l) ps.setLong(i + 1, l);
                    else ps.setString(i + 1, (String) values.get(i));
                }
                ps.setMaxRows(limit);
                return readAll(ps);
            }
        });
    }

    @Override
    public Operation request(NewOperation n) {
        return db.inTransaction(c -> insert(c, n, OperationState.REQUESTED, false).operation());
    }

    /** Inserts an operation; with {@code leaseHere} this node holds it under epoch 1. */
    InstanceStore.Started insert(Connection c, NewOperation n, OperationState state, boolean leaseHere) throws SQLException {
        long now = clock.millis();
        long id;
        try (var ps = c.prepareStatement("INSERT INTO operation (instance_id, tenant, kind, action, request_id, state, "
                + "applier_node, lease_owner, lease_until, lease_epoch, created_at, message, new_fingerprint, sealed_previous, "
                + "sealed_request, target_user, stop_type, stopped_mode, overlap_millis) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            Operation.Work w = n.work();
            ps.setString(1, n.instanceId());
            ps.setString(2, n.tenant());
            ps.setString(3, n.kind().name());
            ps.setString(4, n.action());
            ps.setString(5, n.requestId());
            ps.setString(6, state.name());
            ps.setString(7, n.applierNode());
            ps.setString(8, leaseHere ? node : null);
            if (leaseHere) ps.setLong(9, now + leaseMillis);
            else ps.setNull(9, Types.BIGINT);
            ps.setLong(10, leaseHere ? 1 : 0);
            ps.setLong(11, now);
            ps.setString(12, w.newFingerprint());
            ps.setString(13, w.sealedPrevious());
            ps.setString(14, w.sealedRequest());
            ps.setString(15, w.targetUser());
            ps.setString(16, w.stopType() == null ? null : w.stopType().name());
            ps.setString(17, w.stoppedMode());
            ps.setLong(18, n.overlap().toMillis());
            ps.executeUpdate();
            try (var keys = ps.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        Operation op = find(c, id).orElseThrow();
        return new InstanceStore.Started(op, leaseHere ? new Lease(id, node, 1, now + leaseMillis) : null);
    }

    @Override
    public boolean cancelRequested(long id, String message) {
        return db.run(c -> {
            try (var ps = c.prepareStatement("UPDATE operation SET state = 'FAILED', message = ?, error_code = 'ENGINE_UNAVAILABLE', "
                    + "finished_at = ?, sealed_request = NULL WHERE id = ? AND state = 'REQUESTED' AND lease_owner IS NULL")) {
                ps.setString(1, message);
                ps.setLong(2, clock.millis());
                ps.setLong(3, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<Claimed> claimAssigned(String claimer, int max) {
        return claim("applier_node = ? AND state IN ('REQUESTED', 'QUEUED') AND lease_owner IS NULL", claimer, max,
                ps -> ps.setString(1, claimer));
    }

    @Override
    public List<Claimed> claimOrphans(String claimer, boolean includeOwn, int max) {
        long now = clock.millis();
        String own = includeOwn ? " OR (state IN ('REQUESTED', 'RUNNING') AND lease_owner = ?)" : "";
        return claim("((state = 'RUNNING' AND (lease_owner IS NULL OR lease_until < ?))"
                        + " OR (state = 'REQUESTED' AND lease_owner IS NOT NULL AND lease_until < ?)" + own + ")"
                        + " AND (applier_node IS NULL OR applier_node = ?)", claimer, max, ps -> {
                    int i = 1;
                    ps.setLong(i++, now);
                    ps.setLong(i++, now);
                    if (includeOwn) ps.setString(i++, claimer);
                    ps.setString(i, claimer);
                });
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /**
     * Claims the rows {@code where} selects, skipping rows another node is claiming at this moment; each claim takes
     * the next epoch. A QUEUED operation is RUNNING from its claim on.
     */
    private List<Claimed> claim(String where, String claimer, int max, Binder binder) {
        return db.inTransaction(c -> {
            List<Operation> found;
            try (var ps = c.prepareStatement("SELECT " + COLUMNS + " FROM operation WHERE " + where + " ORDER BY id FOR UPDATE SKIP LOCKED")) {
                binder.bind(ps);
                ps.setMaxRows(max);
                found = readAll(ps);
            }
            long until = clock.millis() + leaseMillis;
            var claimed = new ArrayList<Claimed>();
            try (var ps = c.prepareStatement("UPDATE operation SET lease_owner = ?, lease_until = ?, lease_epoch = ?, "
                    + "state = CASE WHEN state = 'QUEUED' THEN 'RUNNING' ELSE state END WHERE id = ?")) {
                for (Operation op : found) {
                    long epoch = op.leaseEpoch() + 1;
                    ps.setString(1, claimer);
                    ps.setLong(2, until);
                    ps.setLong(3, epoch);
                    ps.setLong(4, op.id());
                    ps.executeUpdate();
                    claimed.add(new Claimed(find(c, op.id()).orElseThrow(), new Lease(op.id(), claimer, epoch, until)));
                }
            }
            return claimed;
        });
    }

    @Override
    public OptionalLong renew(Lease lease) {
        long until = clock.millis() + leaseMillis;
        return db.run(c -> {
            try (var ps = c.prepareStatement("UPDATE operation SET lease_until = ? WHERE id = ? AND lease_epoch = ? "
                    + "AND lease_owner = ? AND state IN " + OPEN)) {
                ps.setLong(1, until);
                ps.setLong(2, lease.operationId());
                ps.setLong(3, lease.epoch());
                ps.setString(4, lease.node());
                return ps.executeUpdate() == 1 ? OptionalLong.of(until) : OptionalLong.empty();
            }
        });
    }

    @Override
    public void release(Lease lease) {
        db.run(c -> {
            try (var ps = c.prepareStatement("UPDATE operation SET lease_owner = NULL, lease_until = 0 WHERE id = ? AND lease_epoch = ? AND state IN " + OPEN)) {
                ps.setLong(1, lease.operationId());
                ps.setLong(2, lease.epoch());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void pendingHash(Lease lease, String hash) {
        db.run(c -> fenced(c, lease, "UPDATE operation SET pending_hash = ? WHERE id = ? AND lease_epoch = ? AND state IN " + OPEN, hash));
    }

    @Override
    public void cvmState(Lease lease, CvmInstanceState state) {
        db.inTransaction(c -> {
            Operation op = fenced(c, lease, "UPDATE operation SET lease_epoch = lease_epoch WHERE id = ? AND lease_epoch = ? AND state IN " + OPEN);
            try (var ps = c.prepareStatement("UPDATE instance SET cvm_state = ? WHERE id = ?")) {
                ps.setString(1, state.name());
                ps.setString(2, op.instanceId());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Operation enterWindow(Lease lease, Instant dueAt, Proof proof, String sealedRequest) {
        return db.inTransaction(c -> {
            Operation op = find(c, lease.operationId()).orElseThrow();
            var proofs = new ArrayList<>(op.result().proofs());
            if (proof != null) proofs.add(proof);
            return fenced(c, lease, "UPDATE operation SET state = 'OVERLAP', due_at = ?, proof = ?, sealed_request = ?, "
                            + "lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_epoch = ? AND state = 'RUNNING'",
                    dueAt.toEpochMilli(), ProofsColumn.write(proofs), sealedRequest);
        });
    }

    @Override
    public List<Claimed> claimDue(String claimer, int max) {
        long now = clock.millis();
        return claim("state = 'OVERLAP' AND due_at <= ? AND (lease_owner IS NULL OR lease_until < ?)"
                + " AND (applier_node IS NULL OR applier_node = ?)", claimer, max, ps -> {
                    ps.setLong(1, now);
                    ps.setLong(2, now);
                    ps.setString(3, claimer);
                });
    }

    @Override
    public boolean endWindowNow(long id, boolean rollBack) {
        return db.run(c -> {
            try (var ps = c.prepareStatement("UPDATE operation SET due_at = ?, roll_back = ? WHERE id = ? AND state = 'OVERLAP'")) {
                ps.setLong(1, clock.millis());
                ps.setBoolean(2, rollBack);
                ps.setLong(3, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Operation finish(Lease lease, Ending e) {
        return db.inTransaction(c -> {
            Operation op = fenced(c, lease, "UPDATE operation SET state = ?, message = ?, error_code = ?, error_detail = ?, "
                            + "proof = ?, finished_at = ?, lease_until = NULL, new_fingerprint = NULL, sealed_previous = NULL, "
                            + "sealed_request = NULL, pending_hash = NULL WHERE id = ? AND lease_epoch = ? AND state IN " + OPEN,
                    e.state().name(), e.result().message() == null ? "" : e.result().message(), e.result().errorCode(),
                    e.result().errorDetail(), ProofsColumn.write(e.result().proofs()), clock.millis());
            try (var ps = c.prepareStatement("UPDATE instance SET active_operation = NULL, generation = generation + 1, "
                    + "password_free = COALESCE(?, password_free), cvm_state = COALESCE(?, cvm_state) "
                    + "WHERE id = ? AND active_operation = ?")) {
                if (e.passwordFree() == null) ps.setNull(1, Types.BOOLEAN);
                else ps.setBoolean(1, e.passwordFree());
                ps.setString(2, e.cvmState() == null ? null : e.cvmState().name());
                ps.setString(3, op.instanceId());
                ps.setLong(4, op.id());
                ps.executeUpdate();
            }
            return find(c, op.id()).orElseThrow();
        });
    }

    /**
     * Runs an update whose last two parameters are the operation id and the lease epoch (after {@code values});
     * refuses with {@link LeaseLostException} when no row matched. Returns the operation as it is now.
     */
    Operation fenced(Connection c, Lease lease, String sql, Object... values) throws SQLException {
        try (var ps = c.prepareStatement(sql)) {
            int i = 1;
            for (Object v : values) {
                if (v == null) ps.setNull(i++, Types.NULL);
                else if (v instanceof Long l) ps.setLong(i++, l);
                else if (v instanceof Integer n) ps.setInt(i++, n);
                else ps.setString(i++, v.toString());
            }
            ps.setLong(i++, lease.operationId());
            ps.setLong(i, lease.epoch());
            if (ps.executeUpdate() != 1) throw new LeaseLostException(lease);
        }
        return find(c, lease.operationId()).orElseThrow();
    }

    static List<Operation> readAll(PreparedStatement ps) throws SQLException {
        var out = new ArrayList<Operation>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(read(rs));
        }
        return out;
    }

    private static Operation read(ResultSet rs) throws SQLException {
        long finished = rs.getLong("finished_at");
        Instant finishedAt = rs.wasNull() ? null : Instant.ofEpochMilli(finished);
        int detail = rs.getInt("error_detail");
        Integer errorDetail = rs.wasNull() ? null : detail;
        String stopType = rs.getString("stop_type");
        var result = new Operation.Result(rs.getString("message"), rs.getString("error_code"), errorDetail,
                ProofsColumn.read(rs.getString("proof")));
        long due = rs.getLong("due_at");
        Instant dueAt = rs.wasNull() ? null : Instant.ofEpochMilli(due);
        var window = new Operation.Window(Duration.ofMillis(rs.getLong("overlap_millis")), dueAt, rs.getBoolean("roll_back"));
        var work = new Operation.Work(rs.getString("new_fingerprint"), rs.getString("sealed_previous"),
                rs.getString("sealed_request"), rs.getString("target_user"),
                stopType == null ? null : StopType.valueOf(stopType), rs.getString("stopped_mode"), rs.getString("pending_hash"));
        return new Operation(rs.getLong("id"), rs.getString("instance_id"), rs.getString("tenant"),
                OperationKind.valueOf(rs.getString("kind")), rs.getString("action"), rs.getString("request_id"),
                OperationState.valueOf(rs.getString("state")), rs.getString("applier_node"), rs.getString("lease_owner"),
                rs.getLong("lease_epoch"), Instant.ofEpochMilli(rs.getLong("created_at")), finishedAt, result, work, window);
    }
}
