package dev.rekey.store;

import dev.rekey.core.Hashes;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Aliyun signature nonces in the {@code aliyun_nonce} table, shared by every node. First use is an INSERT that the
 * primary key arbitrates, so two nodes racing with one nonce cannot both win; a nonce whose record has expired is
 * taken over by a conditional UPDATE, equally atomic. Expired rows are purged at most once a minute per node.
 * Its {@link #firstUse} matches the api's {@code NonceRegistry}, which the composition root adapts by reference.
 */
public final class JdbcNonceRegistry {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

    private final Database db;
    private final Clock clock;
    private final AtomicLong nextPurge;

    public JdbcNonceRegistry(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.nextPurge = new AtomicLong(clock.millis());
    }

    /** Records {@code nonce} for {@code accessKeyId} until {@code expiresAt}: false when it is already recorded. */
    public boolean firstUse(String accessKeyId, String nonce, Instant expiresAt) {
        long now = clock.millis();
        purgeIfDue(now);
        String hash = Hashes.sha256Hex(nonce);
        return db.run(c -> insert(c, accessKeyId, hash, expiresAt.toEpochMilli())
                || takeOverExpired(c, accessKeyId, hash, expiresAt.toEpochMilli(), now));
    }

    /** Deletes every record that has expired; returns how many. */
    public int purgeExpired() {
        long now = clock.millis();
        return db.run(c -> {
            try (var ps = c.prepareStatement("DELETE FROM aliyun_nonce WHERE expires_at < ?")) {
                ps.setLong(1, now);
                return ps.executeUpdate();
            }
        });
    }

    /** Runs in auto-commit, so that a duplicate key aborts only this statement (PostgreSQL aborts a transaction). */
    private static boolean insert(Connection c, String accessKeyId, String hash, long expiresAt) throws SQLException {
        try (var ps = c.prepareStatement("INSERT INTO aliyun_nonce (access_key_id, nonce_hash, expires_at) VALUES (?, ?, ?)")) {
            ps.setString(1, accessKeyId);
            ps.setString(2, hash);
            ps.setLong(3, expiresAt);
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) return false;
            throw e;
        }
    }

    /** The row lock makes this a compare-and-set: of two requests reusing an expired nonce, exactly one wins. */
    private static boolean takeOverExpired(Connection c, String accessKeyId, String hash, long expiresAt, long now)
            throws SQLException {
        try (var ps = c.prepareStatement("UPDATE aliyun_nonce SET expires_at = ? WHERE access_key_id = ? AND nonce_hash = ? AND expires_at < ?")) {
            ps.setLong(1, expiresAt);
            ps.setString(2, accessKeyId);
            ps.setString(3, hash);
            ps.setLong(4, now);
            return ps.executeUpdate() == 1;
        }
    }

    private void purgeIfDue(long now) {
        long due = nextPurge.get();
        if (now < due || !nextPurge.compareAndSet(due, now + PURGE_INTERVAL.toMillis())) return;
        purgeExpired();
    }
}
