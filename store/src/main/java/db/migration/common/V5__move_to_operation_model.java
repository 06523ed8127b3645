package db.migration.common;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Map;

/**
 * Moves a first-release data folder into the operation model (V4 made the tables): every task becomes an operation
 * with the same id (Tencent task ids stay valid), each instance's attribute bag becomes typed columns, its lockout
 * count a lockout row, and a CVM instance's latest operation (kept as attributes then) an operation row of its own.
 * A task or CVM operation still open is left RUNNING with an expired lease, so its node settles it at start.
 */
public class V5__move_to_operation_model extends BaseJavaMigration {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {
    };

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        long nextId = moveTasks(c);
        try (var rs = c.createStatement().executeQuery("SELECT id, product, owner_node, active_task, attributes, created_at FROM instance")) {
            while (rs.next()) {
                nextId = moveInstance(c, rs, nextId);
            }
        }
        try (Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE instance SET state = 'RUNNING' WHERE state = 'CHANGING'");
            s.execute("ALTER TABLE operation ALTER COLUMN id RESTART WITH " + nextId);
        }
    }

    /** Copies every task; returns the first free operation id. */
    private static long moveTasks(Connection c) throws SQLException {
        long next = 1001;
        String select = "SELECT id, instance_id, tenant, kind, status, request_id, message, new_fingerprint, sealed_previous, "
                + "created_at, finished_at, lease_owner, lease_until FROM task ORDER BY id";
        String insert = "INSERT INTO operation (id, instance_id, tenant, kind, action, request_id, state, lease_owner, "
                + "lease_until, lease_epoch, created_at, finished_at, message, error_code, new_fingerprint, sealed_previous) "
                + "VALUES (?, ?, ?, 'ENGINE_PASSWORD', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (var rs = c.createStatement().executeQuery(select); var ps = c.prepareStatement(insert)) {
            while (rs.next()) {
                String status = rs.getString("status");
                boolean open = status.equals("PREPARING") || status.equals("RUNNING");
                String state = switch (status) {
                    case "SUCCEED" -> "SUCCEEDED";
                    case "FAILED" -> "FAILED";
                    default -> "RUNNING";
                };
                long id = rs.getLong("id");
                ps.setLong(1, id);
                ps.setString(2, rs.getString("instance_id"));
                ps.setString(3, rs.getString("tenant"));
                ps.setString(4, rs.getString("kind"));
                ps.setString(5, rs.getString("request_id"));
                ps.setString(6, state);
                ps.setString(7, rs.getString("lease_owner"));
                ps.setLong(8, open ? 0 : nullToZero(rs, "lease_until"));
                ps.setLong(9, open ? 1 : 0);
                ps.setLong(10, rs.getLong("created_at"));
                setLongOrNull(ps, 11, rs, "finished_at");
                ps.setString(12, rs.getString("message") == null ? "" : rs.getString("message"));
                ps.setString(13, state.equals("FAILED") ? "ENGINE_UNAVAILABLE" : null);
                // what recovery needs stays while the operation is open; a finished one keeps no fingerprint
                ps.setString(14, open ? rs.getString("new_fingerprint") : null);
                ps.setString(15, open ? rs.getString("sealed_previous") : null);
                ps.executeUpdate();
                next = Math.max(next, id + 1);
            }
        }
        return next;
    }

    private static long moveInstance(Connection c, ResultSet rs, long nextId) throws Exception {
        String id = rs.getString("id");
        boolean cvm = rs.getString("product").equals("TENCENT_CVM");
        Map<String, String> a = JSON.readValue(rs.getString("attributes"), MAP);
        long activeTask = rs.getLong("active_task");
        Long active = rs.wasNull() ? null : activeTask;
        Long last = lastTask(c, id);
        if (cvm && a.containsKey("latest-operation")) {
            boolean operating = "OPERATING".equals(a.get("latest-operation-state"));
            last = insertCvmOperation(c, nextId++, id, rs.getString("owner_node"), rs.getLong("created_at"), a, operating);
            if (operating) active = last;
        }
        try (var ps = c.prepareStatement("UPDATE instance SET active_operation = ?, last_operation = ?, password_free = ?, "
                + "release_protection = ?, engine_version = ?, account = ?, os = ?, image = ?, cvm_state = ?, "
                + "stop_charging_mode = ? WHERE id = ?")) {
            setLong(ps, 1, active);
            setLong(ps, 2, last);
            ps.setBoolean(3, "true".equals(a.get("password-free")));
            ps.setBoolean(4, "true".equals(a.get("release-protection")));
            ps.setString(5, a.get("engine-version"));
            ps.setString(6, a.get("account"));
            ps.setString(7, a.get("os"));
            ps.setString(8, a.get("image"));
            ps.setString(9, cvm ? a.getOrDefault("instance-state", "RUNNING") : null);
            ps.setString(10, cvm ? a.getOrDefault("stop-charging-mode", "NOT_APPLICABLE") : null);
            ps.setString(11, id);
            ps.executeUpdate();
        }
        int failures = (int) Math.min(Integer.MAX_VALUE, parse(a.get("lockout-failures")));
        long until = parse(a.get("lockout-until"));
        if (failures > 0 || until > 0) {
            try (var ps = c.prepareStatement("INSERT INTO lockout (instance_id, failures, locked_until) VALUES (?, ?, ?)")) {
                ps.setString(1, id);
                ps.setInt(2, failures);
                ps.setLong(3, until);
                ps.executeUpdate();
            }
        }
        return nextId;
    }

    private static Long lastTask(Connection c, String instanceId) throws SQLException {
        try (var ps = c.prepareStatement("SELECT MAX(id) FROM task WHERE instance_id = ?")) {
            ps.setString(1, instanceId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                long v = rs.getLong(1);
                return rs.wasNull() ? null : v;
            }
        }
    }

    private static long insertCvmOperation(Connection c, long opId, String instanceId, String owner, long createdAt,
                                           Map<String, String> a, boolean operating) throws SQLException {
        String action = a.get("latest-operation");
        String kind = switch (action) {
            case "StopInstances" -> "GUEST_STOP";
            case "StartInstances" -> "GUEST_START";
            default -> "GUEST_PASSWORD";
        };
        String state = operating ? "RUNNING" : "SUCCESS".equals(a.get("latest-operation-state")) ? "SUCCEEDED" : "FAILED";
        try (var ps = c.prepareStatement("INSERT INTO operation (id, instance_id, tenant, kind, action, request_id, state, "
                + "applier_node, lease_owner, lease_until, lease_epoch, created_at, finished_at, message, error_code, proof, "
                + "target_user, pending_hash) SELECT ?, id, tenant, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ? "
                + "FROM instance WHERE id = ?")) {
            ps.setLong(1, opId);
            ps.setString(2, kind);
            ps.setString(3, action);
            ps.setString(4, a.get("latest-operation-request-id"));
            ps.setString(5, state);
            ps.setString(6, owner);
            ps.setString(7, operating ? owner : null);
            ps.setLong(8, operating ? 1 : 0);
            ps.setLong(9, createdAt);
            if (operating) ps.setNull(10, Types.BIGINT);
            else ps.setLong(10, createdAt);
            ps.setString(11, a.getOrDefault("latest-operation-error", ""));
            ps.setString(12, state.equals("FAILED") ? "ENGINE_UNAVAILABLE" : null);
            ps.setString(13, a.get("latest-operation-verified"));
            ps.setString(14, a.get("pending-user"));
            ps.setString(15, a.get("pending-hash"));
            ps.setString(16, instanceId);
            ps.executeUpdate();
        }
        return opId;
    }

    /** A hand-edited value must not lock an instance forever: anything unreadable counts as 0. */
    private static long parse(String s) {
        try {
            return s == null ? 0 : Math.max(0, Long.parseLong(s));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long nullToZero(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? 0 : v;
    }

    private static void setLongOrNull(PreparedStatement ps, int i, ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        if (rs.wasNull()) ps.setNull(i, Types.BIGINT);
        else ps.setLong(i, v);
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) ps.setNull(i, Types.BIGINT);
        else ps.setLong(i, v);
    }
}
