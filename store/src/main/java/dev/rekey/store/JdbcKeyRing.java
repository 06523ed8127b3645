package dev.rekey.store;

import dev.rekey.core.Cloud;
import dev.rekey.core.Credential;
import dev.rekey.core.KeyRing;
import dev.rekey.core.SecretBox;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tenant API keys, sealed in the {@code credential} table. Signature checks run on every request and must not pay a
 * database round trip and a decryption each time, so each lookup (found or not) is remembered for {@link #FRESH}:
 * a key added, rotated or revoked on any node is honoured by every node within that time.
 */
public final class JdbcKeyRing implements KeyRing {
    /** How long a lookup is trusted; well inside the 5 s a fleet promises for a key change. */
    public static final Duration FRESH = Duration.ofSeconds(2);
    /** Remembered lookups of unknown keys are bounded, so a stream of made-up key ids cannot grow the cache. */
    private static final int MAX_ENTRIES = 10_000;
    private final Database db;
    private final SecretBox box;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    private record Entry(Optional<Credential> credential, long loadedAtNanos) {
    }

    public JdbcKeyRing(Database db, SecretBox box) {
        this.db = db;
        this.box = box;
    }

    @Override
    public Optional<Credential> find(Cloud cloud, String keyId) {
        if (keyId == null) return Optional.empty();
        String k = cloud + "/" + keyId;
        Entry cached = cache.get(k);
        long now = System.nanoTime();
        if (cached != null && now - cached.loadedAtNanos() < FRESH.toNanos()) return cached.credential();
        Optional<Credential> loaded = load(cloud, keyId);
        if (cache.size() >= MAX_ENTRIES) cache.clear();
        cache.put(k, new Entry(loaded, now));
        return loaded;
    }

    /** Forgets every remembered lookup, so the next one reads the store (after this node changed keys itself). */
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
