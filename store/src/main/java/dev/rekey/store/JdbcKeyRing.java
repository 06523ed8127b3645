package dev.rekey.store;

import dev.rekey.core.Cloud;
import dev.rekey.core.Credential;
import dev.rekey.core.KeyRing;
import dev.rekey.core.SecretBox;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tenant API keys, sealed in the {@code credential} table and opened once into memory: signature checks run on every
 * request and must not pay a database round trip and a decryption each time.
 */
public final class JdbcKeyRing implements KeyRing {
    private final Database db;
    private final SecretBox box;
    private final Map<String, Credential> cache = new ConcurrentHashMap<>();

    public JdbcKeyRing(Database db, SecretBox box) {
        this.db = db;
        this.box = box;
    }

    @Override
    public Optional<Credential> find(Cloud cloud, String keyId) {
        if (keyId == null) return Optional.empty();
        String k = cloud + "/" + keyId;
        Credential cached = cache.get(k);
        if (cached != null) return Optional.of(cached);
        Optional<Credential> loaded = load(cloud, keyId);
        loaded.ifPresent(c -> cache.put(k, c));
        return loaded;
    }

    /** Forget cached keys, after the configuration changed them. */
    public void refresh() {
        cache.clear();
    }

    private Optional<Credential> load(Cloud cloud, String keyId) {
        return db.run(c -> {
            try (var ps = c.prepareStatement("SELECT tenant, sealed_secret, project_id FROM credential WHERE cloud = ? AND key_id = ?")) {
                ps.setString(1, cloud.name());
                ps.setString(2, keyId);
                try (var rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    return Optional.of(new Credential(cloud, rs.getString(1), keyId, box.open(rs.getString(2)), rs.getString(3)));
                }
            }
        });
    }
}
