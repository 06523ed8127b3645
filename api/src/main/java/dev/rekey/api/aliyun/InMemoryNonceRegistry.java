package dev.rekey.api.aliyun;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link NonceRegistry} in this JVM's memory, for tests and single-node use. Thread-safe; expired entries are swept
 * at most once a minute, and an expired entry never blocks a nonce even before the sweep.
 */
public final class InMemoryNonceRegistry implements NonceRegistry {
    private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

    private record Key(String accessKeyId, String nonce) {
    }

    private final Clock clock;
    private final ConcurrentHashMap<Key, Instant> expiries = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> nextSweep;

    public InMemoryNonceRegistry(Clock clock) {
        this.clock = clock;
        this.nextSweep = new AtomicReference<>(clock.instant().plus(SWEEP_INTERVAL));
    }

    @Override
    public boolean firstUse(String accessKeyId, String nonce, Instant expiresAt) {
        Instant now = clock.instant();
        sweepIfDue(now);
        var first = new boolean[1];
        expiries.compute(new Key(accessKeyId, nonce), (key, existing) -> {
            first[0] = existing == null || existing.isBefore(now);
            return first[0] ? expiresAt : existing;
        });
        return first[0];
    }

    /** How many nonces are remembered right now (expired ones included until the next sweep). */
    public int size() {
        return expiries.size();
    }

    private void sweepIfDue(Instant now) {
        Instant due = nextSweep.get();
        if (now.isBefore(due) || !nextSweep.compareAndSet(due, now.plus(SWEEP_INTERVAL))) return;
        expiries.values().removeIf(expiry -> expiry.isBefore(now));
    }
}
