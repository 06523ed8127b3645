package dev.rekey.store;

import dev.rekey.core.Credential;
import dev.rekey.core.EngineKind;
import dev.rekey.core.Product;
import dev.rekey.core.SecretBox;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the configuration file puts into the store: tenant keys, instances and their engine settings. Applying the same
 * configuration twice changes nothing; an instance missing from it is retired with its history kept.
 */
public final class JdbcCatalog {
    private final Database db;
    private final SecretBox box;
    private final Clock clock;

    public JdbcCatalog(Database db, SecretBox box, Clock clock) {
        this.db = db;
        this.box = box;
        this.clock = clock;
    }

    /** Records the master key's fingerprint on first use; refuses a different key afterwards. */
    public void checkMasterKey() {
        String fingerprint = box.fingerprint();
        db.inTransaction(c -> {
            Optional<String> recorded = meta(c, "master-key-fingerprint");
            if (recorded.isEmpty()) {
                try (var ps = c.prepareStatement("INSERT INTO meta (name, val) VALUES ('master-key-fingerprint', ?)")) {
                    ps.setString(1, fingerprint);
                    ps.executeUpdate();
                }
            } else if (!recorded.get().equals(fingerprint)) {
                throw new IllegalStateException("the master key does not match the one this database was created with (fingerprint "
                        + fingerprint + ", expected " + recorded.get() + "): give every node the same key file or REKEY_MASTER_KEY");
            }
            return null;
        });
    }

    private static Optional<String> meta(Connection c, String name) throws SQLException {
        try (var ps = c.prepareStatement("SELECT val FROM meta WHERE name = ?")) {
            ps.setString(1, name);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * Replaces the API keys the configuration declares by {@code credentials}, sealed; keys registered at run time
     * (source {@code api}) are kept.
     */
    public void replaceCredentials(List<Credential> credentials) {
        db.inTransaction(c -> {
            try (var del = c.createStatement()) {
                del.executeUpdate("DELETE FROM credential WHERE source = 'config'");
            }
            // a key made through the admin API that the file now declares belongs to the file from now on
            try (var del = c.prepareStatement("DELETE FROM credential WHERE cloud = ? AND key_id = ?")) {
                for (Credential cr : credentials) {
                    del.setString(1, cr.cloud().name());
                    del.setString(2, cr.keyId());
                    del.addBatch();
                }
                del.executeBatch();
            }
            try (var ps = c.prepareStatement("INSERT INTO credential (cloud, key_id, tenant, sealed_secret, project_id, source, created_at) "
                    + "VALUES (?, ?, ?, ?, ?, 'config', ?)")) {
                for (Credential cr : credentials) {
                    ps.setString(1, cr.cloud().name());
                    ps.setString(2, cr.keyId());
                    ps.setString(3, cr.tenant());
                    ps.setString(4, box.seal(cr.secret()));
                    ps.setString(5, cr.projectId());
                    ps.setLong(6, clock.millis());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /**
     * An instance as the configuration declares it; {@code engineConfig} holds no secret, {@code sealedAdmin} may.
     * {@code account} is the engine account the product API changes; {@code os} and {@code image} describe a CVM guest.
     */
    public record InstanceRow(String id, String tenant, Product product, String region, String name, EngineKind engineKind,
                              String host, int port, String account, String os, String image, Duration overlap,
                              Map<String, String> engineConfig, String sealedAdmin) {
    }

    /**
     * Creates the instance if new (returns true); otherwise updates what the configuration owns and keeps the rest. An
     * instance registered through the admin API and then declared in the file belongs to the file from then on.
     */
    public boolean upsertInstance(InstanceRow r) {
        return db.inTransaction(c -> {
            boolean exists;
            try (var ps = c.prepareStatement("SELECT 1 FROM instance WHERE id = ? FOR UPDATE")) {
                ps.setString(1, r.id());
                try (var rs = ps.executeQuery()) {
                    exists = rs.next();
                }
            }
            if (exists) {
                try (var ps = c.prepareStatement("UPDATE instance SET tenant = ?, product = ?, region = ?, engine_kind = ?, engine_config = ?, sealed_admin = ?, "
                        + "account = ?, os = ?, image = ?, overlap_millis = ?, state = CASE WHEN state = 'RETIRED' THEN 'RUNNING' ELSE state END, "
                        + "source = 'config' WHERE id = ?")) {
                    ps.setString(1, r.tenant());
                    ps.setString(2, r.product().name());
                    ps.setString(3, r.region());
                    ps.setString(4, r.engineKind().name());
                    ps.setString(5, Json.write(r.engineConfig()));
                    ps.setString(6, r.sealedAdmin());
                    ps.setString(7, r.account());
                    ps.setString(8, r.os());
                    ps.setString(9, r.image());
                    ps.setLong(10, r.overlap().toMillis());
                    ps.setString(11, r.id());
                    ps.executeUpdate();
                }
                return false;
            }
            boolean cvm = r.product() == Product.TENCENT_CVM;
            try (var ps = c.prepareStatement("INSERT INTO instance (id, tenant, product, region, name, engine_kind, host, port, state, "
                    + "engine_config, sealed_admin, created_at, account, os, image, cvm_state, stop_charging_mode, overlap_millis) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'RUNNING', ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, r.id());
                ps.setString(2, r.tenant());
                ps.setString(3, r.product().name());
                ps.setString(4, r.region());
                ps.setString(5, r.name());
                ps.setString(6, r.engineKind().name());
                ps.setString(7, r.host());
                ps.setInt(8, r.port());
                ps.setString(9, Json.write(r.engineConfig()));
                ps.setString(10, r.sealedAdmin());
                ps.setLong(11, clock.millis());
                ps.setString(12, r.account());
                ps.setString(13, r.os());
                ps.setString(14, r.image());
                ps.setString(15, cvm ? "RUNNING" : null);
                ps.setString(16, cvm ? "NOT_APPLICABLE" : null);
                ps.setLong(17, r.overlap().toMillis());
                ps.executeUpdate();
            }
            return true;
        });
    }

    /** Retires every configured instance whose id is not in {@code keep}; returns the ids retired now. */
    public List<String> retireAllBut(Set<String> keep) {
        return db.inTransaction(c -> {
            var retired = new ArrayList<String>();
            try (var ps = c.prepareStatement("SELECT id FROM instance WHERE state <> 'RETIRED' AND source = 'config'"); var rs = ps.executeQuery()) {
                while (rs.next()) if (!keep.contains(rs.getString(1))) retired.add(rs.getString(1));
            }
            try (var ps = c.prepareStatement("UPDATE instance SET state = 'RETIRED' WHERE id = ?")) {
                for (String id : retired) {
                    ps.setString(1, id);
                    ps.executeUpdate();
                }
            }
            return retired;
        });
    }

    public Map<String, String> engineConfig(String id) {
        return db.run(c -> {
            try (var ps = c.prepareStatement("SELECT engine_config FROM instance WHERE id = ?")) {
                ps.setString(1, id);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? Json.read(rs.getString(1)) : Map.of();
                }
            }
        });
    }

    public Optional<String> sealedAdmin(String id) {
        return db.run(c -> {
            try (var ps = c.prepareStatement("SELECT sealed_admin FROM instance WHERE id = ?")) {
                ps.setString(1, id);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /**
     * Claims a spawned engine for {@code node}: true when the node owns it now (it was unowned or already this node's).
     * Exactly one node spawns an engine; the others reach it at the address its owner records.
     */
    public boolean claimOwnership(String id, String node) {
        return db.run(c -> {
            try (var ps = c.prepareStatement("UPDATE instance SET owner_node = ? WHERE id = ? AND (owner_node IS NULL OR owner_node = ?)")) {
                ps.setString(1, node);
                ps.setString(2, id);
                ps.setString(3, node);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** The members of a spawned deployment, as its owner recorded them: data nodes, then Sentinels ({@code host:port,...}). */
    public record Members(String nodes, String sentinels) {
    }

    /** Records the members of a deployment this node spawned, so that every other node reaches the same one. */
    public void setMembers(String id, Members members) {
        db.run(c -> {
            try (var ps = c.prepareStatement("UPDATE instance SET members = ?, sentinel_members = ? WHERE id = ?")) {
                ps.setString(1, members.nodes());
                ps.setString(2, members.sentinels());
                ps.setString(3, id);
                return ps.executeUpdate();
            }
        });
    }

    public Members members(String id) {
        return db.run(c -> {
            try (var ps = c.prepareStatement("SELECT members, sentinel_members FROM instance WHERE id = ?")) {
                ps.setString(1, id);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? new Members(rs.getString(1), rs.getString(2)) : new Members(null, null);
                }
            }
        });
    }

    /**
     * Records where a spawned engine listens now and which node owns it. A new address bumps the catalog revision,
     * so that the other nodes reach the engine where it is now ({@link JdbcFleet}).
     */
    public void setAddress(String id, String host, int port, String ownerNode) {
        db.inTransaction(c -> {
            try (var ps = c.prepareStatement("UPDATE instance SET host = ?, port = ?, owner_node = ? WHERE id = ? AND NOT "
                    + "(COALESCE(host, '') = COALESCE(?, '') AND port = ? AND COALESCE(owner_node, '') = COALESCE(?, ''))")) {
                ps.setString(1, host);
                ps.setInt(2, port);
                ps.setString(3, ownerNode);
                ps.setString(4, id);
                ps.setString(5, host);
                ps.setInt(6, port);
                ps.setString(7, ownerNode);
                if (ps.executeUpdate() == 1) JdbcFleet.bump(c);
            }
            return null;
        });
    }
}
