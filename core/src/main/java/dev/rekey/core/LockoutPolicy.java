package dev.rekey.core;

import java.time.Clock;
import java.time.Duration;

/**
 * Locks an instance after too many wrong old passwords in a row (Huawei DCS: five, for up to five minutes). The
 * bookkeeping is pure: each method takes the instance's {@link Lockout} as the store holds it under the row lock and
 * returns the next one, so concurrent attempts on one instance are counted strictly one after another and no attempt
 * past the limit ever counts as a check.
 *
 * <p>While locked the count stays at the limit; the first wrong password after the lock has expired starts a new
 * count.
 */
public final class LockoutPolicy {
    private final int maxAttempts;
    private final Duration lockTime;
    private final Clock clock;

    public LockoutPolicy(int maxAttempts, Duration lockTime, Clock clock) {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
        if (lockTime.isNegative()) throw new IllegalArgumentException("lockTime must not be negative");
        this.maxAttempts = maxAttempts;
        this.lockTime = lockTime;
        this.clock = clock;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** The lock time in whole minutes, rounded up, as APIs report it. */
    public long lockMinutes() {
        return wholeMinutes(lockTime.toMillis());
    }

    /** Whole minutes the instance stays locked, rounded up; 0 when it is not locked. */
    public long minutesLeft(Lockout lockout) {
        return wholeMinutes(millisLeft(lockout));
    }

    /** The refusal for an instance locked now, or null when it is not locked. */
    public Failure.Locked lockedNow(Lockout lockout) {
        long left = millisLeft(lockout);
        return left > 0 ? locked(wholeMinutes(left)) : null;
    }

    /** The count after a wrong old password. */
    public Lockout afterWrong(Lockout lockout) {
        boolean expired = lockout.lockedUntilMillis() != 0 && millisLeft(lockout) == 0;
        int failures = (expired ? 0 : lockout.failures()) + 1;
        long until = failures >= maxAttempts ? clock.millis() + lockTime.toMillis() : 0;
        return new Lockout(failures, until);
    }

    /** The refusal that a wrong old password which produced {@code after} answers with. */
    public Failure refusalFor(Lockout after) {
        if (after.failures() >= maxAttempts) return locked(lockMinutes());
        int retriesLeft = maxAttempts - after.failures();
        return new Failure.WrongOldPassword(retriesLeft, "the old password is wrong; " + retriesLeft
                + " more wrong attempt(s) lock the instance for " + lockMinutes() + " minute(s)");
    }

    private Failure.Locked locked(long minutes) {
        return new Failure.Locked(minutes, "the instance is locked after " + maxAttempts
                + " wrong old passwords in a row; retry in " + minutes + " minute(s)");
    }

    private long millisLeft(Lockout lockout) {
        long until = lockout.lockedUntilMillis();
        return until == 0 ? 0 : Math.max(0, until - clock.millis());
    }

    private static long wholeMinutes(long millis) {
        return (millis + 59_999) / 60_000;
    }
}
