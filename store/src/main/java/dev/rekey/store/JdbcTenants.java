package dev.rekey.store;

import dev.rekey.core.Cloud;
import dev.rekey.core.Credential;
import dev.rekey.core.SecretBox;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Tenants and their API keys as the admin API manages them. A key's secret is sealed on the way in and never read
 * back here: the signature checks read it through {@link JdbcKeyRing}. Source {@code config}: declared in the file
 * (replaced at every start); {@code api}: created at run time (kept).
 */
public final class JdbcTenants {
    public static final String CONFIG = "config";
    public static final String API = "api";
    private final Database db;
    private final SecretBox box;
    private final Clock clock;

    public JdbcTenants(Database db, SecretBox box, Clock clock) {
        this.db = db;
        this.box = box;
        this.clock = clock;
    }

    public record Tenant(String name, String source, Instant createdAt) {
    }

    /** A key pair without its secret. {@code projectId} is Huawei's, null elsewhere. */
    public record Key(Cloud cloud, String keyId, String tenant, String projectId, String source, Instant createdAt) {
    }

    /** The configuration's tenants exist (created as {@code config} when missing; an existing one keeps its source). */
    public void declare(Collection<String> names) {
        db.inTransaction(c -> {
            for (String name : names) {
                if (find(c, name).isEmpty()) insert(c, name, CONFIG);
            }
            return null;
        });
    }

    /** Creates a tenant; false when one of that name exists already. */
    public boolean create(String name) {
        return db.inTransaction(c -> {
            if (find(c, name).isPresent()) return false;
            insert(c, name, API);
            return true;
        });
    }

    public Optional<Tenant> find(String name) {
        return db.run(c -> find(c, name));
    }

    public List<Tenant> all() {
        return db.run(c -> {
            try (var ps = c.prepareStatement("SELECT name, source, created_at FROM tenant ORDER BY name"); var rs = ps.executeQuery()) {
                var out = new ArrayList<Tenant>();
                while (rs.next()) out.add(tenant(rs));
                return out;
            }
        });
    }

    /** The keys of one tenant, or of every tenant when {@code tenant} is null, oldest first. */
    public List<Key> keys(String tenant) {
        return db.run(c -> {
            String where = tenant == null ? "" : " WHERE tenant = ?";
            try (var ps = c.prepareStatement("SELECT cloud, key_id, tenant, project_id, source, created_at FROM credential"
                    + where + " ORDER BY created_at, cloud, key_id")) {
                if (tenant != null) ps.setString(1, tenant);
                var out = new ArrayList<Key>();
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) out.add(key(rs));
                }
                return out;
            }
        });
    }

    public Optional<Key> key(Cloud cloud, String keyId) {
        return db.run(c -> key(c, cloud, keyId));
    }

    /** Adds a key pair created at run time; false when that key id is taken for the cloud. */
    public boolean addKey(Credential credential) {
        return db.inTransaction(c -> {
            if (key(c, credential.cloud(), credential.keyId()).isPresent()) return false;
            insertKey(c, credential);
            return true;
        });
    }

    /** Replaces a key pair by a new one in one transaction: the old one stops working as the new one starts. */
    public boolean rotate(Cloud cloud, String oldKeyId, Credential next) {
        return db.inTransaction(c -> {
            if (key(c, next.cloud(), next.keyId()).isPresent()) return false;
            if (delete(c, cloud, oldKeyId) != 1) return false;
            insertKey(c, next);
            return true;
        });
    }

    /** Removes a key pair; false when there was none. */
    public boolean revoke(Cloud cloud, String keyId) {
        return db.run(c -> delete(c, cloud, keyId) == 1);
    }

    private void insertKey(Connection c, Credential cr) throws SQLException {
        try (var ps = c.prepareStatement("INSERT INTO credential (cloud, key_id, tenant, sealed_secret, project_id, source, created_at) "
                + "VALUES (?, ?, ?, ?, ?, 'api', ?)")) {
            ps.setString(1, cr.cloud().name());
            ps.setString(2, cr.keyId());
            ps.setString(3, cr.tenant());
            ps.setString(4, box.seal(cr.secret()));
            ps.setString(5, cr.projectId());
            ps.setLong(6, clock.millis());
            ps.executeUpdate();
        }
    }

    private static int delete(Connection c, Cloud cloud, String keyId) throws SQLException {
        try (var ps = c.prepareStatement("DELETE FROM credential WHERE cloud = ? AND key_id = ?")) {
            ps.setString(1, cloud.name());
            ps.setString(2, keyId);
            return ps.executeUpdate();
        }
    }

    private void insert(Connection c, String name, String source) throws SQLException {
        try (var ps = c.prepareStatement("INSERT INTO tenant (name, source, created_at) VALUES (?, ?, ?)")) {
            ps.setString(1, name);
            ps.setString(2, source);
            ps.setLong(3, clock.millis());
            ps.executeUpdate();
        }
    }

    private static Optional<Tenant> find(Connection c, String name) throws SQLException {
        try (var ps = c.prepareStatement("SELECT name, source, created_at FROM tenant WHERE name = ?")) {
            ps.setString(1, name);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(tenant(rs)) : Optional.empty();
            }
        }
    }

    private static Optional<Key> key(Connection c, Cloud cloud, String keyId) throws SQLException {
        try (var ps = c.prepareStatement("SELECT cloud, key_id, tenant, project_id, source, created_at FROM credential "
                + "WHERE cloud = ? AND key_id = ?")) {
            ps.setString(1, cloud.name());
            ps.setString(2, keyId);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(key(rs)) : Optional.empty();
            }
        }
    }

    private static Tenant tenant(ResultSet rs) throws SQLException {
        return new Tenant(rs.getString("name"), rs.getString("source"), Instant.ofEpochMilli(rs.getLong("created_at")));
    }

    private static Key key(ResultSet rs) throws SQLException {
        return new Key(Cloud.valueOf(rs.getString("cloud")), rs.getString("key_id"), rs.getString("tenant"),
                rs.getString("project_id"), rs.getString("source"), Instant.ofEpochMilli(rs.getLong("created_at")));
    }
}
