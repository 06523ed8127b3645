package dev.rekey.api.aliyun;

import dev.rekey.testkit.MutableClock;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InMemoryNonceRegistryTest {
    private static final Instant T0 = Instant.parse("2026-11-23T07:18:15Z");
    private static final Instant EXPIRY = T0.plus(Duration.ofMinutes(15));

    @Test
    void nonceIsAcceptedOnceThenRefused() {
        var registry = new InMemoryNonceRegistry(new MutableClock(T0));

        assertTrue(registry.firstUse("testid", "n1", EXPIRY));
        assertFalse(registry.firstUse("testid", "n1", EXPIRY));
    }

    @Test
    void sameNonceUnderAnotherKeyIsNotAReplay() {
        var registry = new InMemoryNonceRegistry(new MutableClock(T0));

        assertTrue(registry.firstUse("testid", "n1", EXPIRY));
        assertTrue(registry.firstUse("otherid", "n1", EXPIRY));
    }

    @Test
    void expiredNonceMayBeUsedAgain() {
        var clock = new MutableClock(T0);
        var registry = new InMemoryNonceRegistry(clock);
        registry.firstUse("testid", "n1", EXPIRY);

        clock.advance(Duration.ofMinutes(15));
        assertFalse(registry.firstUse("testid", "n1", EXPIRY), "still remembered at its expiry instant");
        clock.advance(Duration.ofSeconds(1));
        assertTrue(registry.firstUse("testid", "n1", EXPIRY.plus(Duration.ofMinutes(16))));
    }

    @Test
    void expiredEntriesAreEvicted() {
        var clock = new MutableClock(T0);
        var registry = new InMemoryNonceRegistry(clock);
        for (int i = 0; i < 100; i++) registry.firstUse("testid", "old-" + i, EXPIRY);
        assertEquals(100, registry.size());

        clock.advance(Duration.ofMinutes(20));
        registry.firstUse("testid", "new", clock.instant().plus(Duration.ofMinutes(15)));

        assertEquals(1, registry.size());
    }

    @Test
    void concurrentUsesOfOneNonceHaveExactlyOneWinner() throws Exception {
        var registry = new InMemoryNonceRegistry(new MutableClock(T0));
        var start = new CountDownLatch(1);
        Callable<Boolean> use = () -> {
            start.await();
            return registry.firstUse("testid", "contended", EXPIRY);
        };
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var results = new ArrayList<Future<Boolean>>();
            for (int i = 0; i < 64; i++) results.add(pool.submit(use));
            start.countDown();
            int winners = 0;
            for (var result : results) winners += result.get() ? 1 : 0;
            assertEquals(1, winners);
        }
    }
}
