package dev.rekey.core;

import java.time.Clock;

/** Per-tenant request limits, counted in the store so that a fleet of nodes shares one budget. */
public final class RateLimiter {
    private final RateWindows windows;
    private final Clock clock;

    public RateLimiter(RateWindows windows, Clock clock) {
        this.windows = windows;
        this.clock = clock;
    }

    /** Fails with {@link ErrorCode#RATE_LIMITED} when {@code bucket} has had {@code perSecond} requests this second. */
    public void acquire(String bucket, int perSecond) {
        long second = clock.millis() / 1000;
        if (!windows.tryAcquire(bucket, second, perSecond)) {
            throw new FailureException(ErrorCode.RATE_LIMITED,
                    "more than " + perSecond + " requests per second for this API; retry later");
        }
    }
}
