package dev.rekey.store;

import dev.rekey.testkit.MutableClock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JdbcNonceRegistryTest {
    private static final Instant START = Instant.parse("2026-11-23T07:18:15Z");
    private static final Duration WINDOW = Duration.ofMinutes(15);

    private final MutableClock clock = new MutableClock(START);
    private Database db;
    private JdbcNonceRegistry nonces;

    /** H2 in memory; set -Drekey.test.postgres=jdbc:postgresql://... to run the same tests on a scratch PostgreSQL. */
    @BeforeEach
    void open() {
        String postgres = System.getProperty("rekey.test.postgres");
        db = Database.open(postgres != null ? postgres : "jdbc:h2:mem:nonce-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        db.run(c -> c.createStatement().executeUpdate("DELETE FROM aliyun_nonce"));
        nonces = new JdbcNonceRegistry(db, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Instant expiry() {
        return clock.instant().plus(WINDOW);
    }

    @Test
    void aNonceIsAcceptedOnceAndItsReplayIsRefused() {
        assertTrue(nonces.firstUse("testid", "19c310b1034d43f43f877f236053b2dd", expiry()));
        assertFalse(nonces.firstUse("testid", "19c310b1034d43f43f877f236053b2dd", expiry()));
        assertFalse(nonces.firstUse("testid", "19c310b1034d43f43f877f236053b2dd", expiry()));
    }

    @Test
    void noncesAreRememberedPerAccessKey() {
        assertTrue(nonces.firstUse("alice", "n-1", expiry()));
        assertTrue(nonces.firstUse("bob", "n-1", expiry()));
        assertFalse(nonces.firstUse("bob", "n-1", expiry()));
    }

    @Test
    void anotherNodeOnTheSameStoreSeesTheNonce() {
        var otherNode = new JdbcNonceRegistry(db, clock);
        assertTrue(nonces.firstUse("testid", "shared", expiry()));
        assertFalse(otherNode.firstUse("testid", "shared", expiry()));
    }

    @Test
    void aNonceIsRefusedUntilItsRecordExpiresAndAcceptedAfterwards() {
        assertTrue(nonces.firstUse("testid", "n-2", expiry()));
        clock.advance(WINDOW);
        assertFalse(nonces.firstUse("testid", "n-2", expiry()), "still inside the window at its last millisecond");
        clock.advance(Duration.ofMillis(1));
        assertTrue(nonces.firstUse("testid", "n-2", expiry()), "an expired record no longer blocks the nonce");
        assertFalse(nonces.firstUse("testid", "n-2", expiry()), "and the new record blocks it again");
    }

    @Test
    void expiredRowsArePurgedAndLiveOnesKept() {
        assertTrue(nonces.firstUse("testid", "old-1", expiry()));
        assertTrue(nonces.firstUse("testid", "old-2", expiry()));
        clock.advance(Duration.ofMinutes(10));
        assertTrue(nonces.firstUse("testid", "young", expiry()));
        clock.advance(Duration.ofMinutes(6));
        assertEquals(2, nonces.purgeExpired());
        assertEquals(1, rows());
        assertFalse(nonces.firstUse("testid", "young", expiry()));
    }

    @Test
    void expiredRowsArePurgedWithoutBeingAsked() {
        assertTrue(nonces.firstUse("testid", "old", expiry()));
        clock.advance(Duration.ofMinutes(16));
        assertTrue(nonces.firstUse("testid", "new", expiry()));
        assertEquals(1, rows(), "the first call after the purge interval removed the expired row");
    }

    @Test
    void anArbitrarilyLongNonceFits() {
        String longNonce = "x".repeat(5000);
        assertTrue(nonces.firstUse("testid", longNonce, expiry()));
        assertFalse(nonces.firstUse("testid", longNonce, expiry()));
        assertTrue(nonces.firstUse("testid", longNonce + "y", expiry()));
    }

    @Test
    void concurrentFirstUsesOfOneNonceHaveExactlyOneWinner() throws Exception {
        assertEquals(1, winners(() -> nonces.firstUse("testid", "raced", expiry())));
    }

    @Test
    void concurrentReusesOfAnExpiredNonceHaveExactlyOneWinner() throws Exception {
        assertTrue(nonces.firstUse("testid", "raced-again", expiry()));
        clock.advance(WINDOW.plusSeconds(1));
        var nodes = new ArrayList<JdbcNonceRegistry>();
        for (int i = 0; i < 4; i++) nodes.add(new JdbcNonceRegistry(db, clock));
        int[] next = {0};
        assertEquals(1, winners(() -> {
            JdbcNonceRegistry node;
            synchronized (next) {
                node = nodes.get(next[0]++ % nodes.size());
            }
            return node.firstUse("testid", "raced-again", expiry());
        }));
    }

    private static int winners(Callable<Boolean> attempt) throws Exception {
        int threads = 16;
        var start = new CountDownLatch(1);
        var results = new ArrayList<Future<Boolean>>();
        try (var pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return attempt.call();
                }));
            }
            start.countDown();
        }
        int won = 0;
        for (var r : results) if (r.get()) won++;
        return won;
    }

    private int rows() {
        return db.run(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM aliyun_nonce")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }
}
