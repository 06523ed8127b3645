package dev.rekey.core;

import java.time.Clock;
import java.time.Duration;

/**
 * Locks an instance after too many wrong old passwords in a row (Huawei DCS: five, for up to five minutes). The count
 * and the lock's end are instance attributes written through the row-locked instance, so they commit with the check
 * that produced them, survive restarts, are shared by every node on the same store, and concurrent attempts on one
 * instance are counted strictly one after another: no attempt past the limit ever reaches the engine.
 *
 * <p>While locked the count stays at the limit (it is the number of checks the engine answered since the last right
 * password); the first wrong password after the lock has expired starts a new count.
 */
public final class LockoutPolicy {
    /** Wrong old passwords in a row since the last right one. */
    public static final String FAILURES = "lockout-failures";
    /** When the lock ends, in epoch milliseconds; absent when the instance has not been locked since. */
    public static final String LOCKED_UNTIL = "lockout-until";

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

    public Duration lockTime() {
        return lockTime;
    }

    /** The lock time in whole minutes, rounded up, as APIs report it. */
    public long lockMinutes() {
        return wholeMinutes(lockTime.toMillis());
    }

    /** A guard for one request; after the check it tells what it decided. */
    public Attempt attempt() {
        return new Attempt();
    }

    /** Whole minutes the instance stays locked, rounded up; 0 when it is not locked. */
    public long minutesLeft(Instance instance) {
        return wholeMinutes(millisLeft(instance));
    }

    private long millisLeft(Instance instance) {
        long until = number(instance, LOCKED_UNTIL);
        return until == 0 ? 0 : Math.max(0, until - clock.millis());
    }

    private boolean lockExpired(Instance instance) {
        return instance.attributes().containsKey(LOCKED_UNTIL) && millisLeft(instance) == 0;
    }

    private static long wholeMinutes(long millis) {
        return (millis + 59_999) / 60_000;
    }

    private static long number(Instance instance, String key) {
        try {
            return Long.parseLong(instance.attribute(key, "0"));
        } catch (NumberFormatException e) {
            return 0; // a hand-edited value must not lock an instance forever
        }
    }

    /** The bookkeeping of one change request; {@link #retriesLeft} and {@link #minutesLeft} describe its verdict. */
    public final class Attempt implements OldPasswordGuard {
        private int retriesLeft = maxAttempts;
        private long minutesLeft;

        private Attempt() {
        }

        /** Wrong old passwords still allowed before the lock (0 once locked). */
        public int retriesLeft() {
            return retriesLeft;
        }

        /** Whole minutes of lock left, rounded up, when this attempt found or caused a lock; otherwise 0. */
        public long minutesLeft() {
            return minutesLeft;
        }

        @Override
        public void beforeCheck(InstanceStore.LockedInstance locked) {
            long left = millisLeft(locked.instance());
            if (left > 0) {
                retriesLeft = 0;
                minutesLeft = wholeMinutes(left);
                throw lockedFailure(minutesLeft);
            }
        }

        @Override
        public FailureException onWrongPassword(InstanceStore.LockedInstance locked) {
            Instance instance = locked.instance();
            long failures = (lockExpired(instance) ? 0 : number(instance, FAILURES)) + 1;
            locked.setAttribute(FAILURES, Long.toString(failures));
            if (failures >= maxAttempts) {
                locked.setAttribute(LOCKED_UNTIL, Long.toString(clock.millis() + lockTime.toMillis()));
                retriesLeft = 0;
                minutesLeft = lockMinutes();
                return lockedFailure(minutesLeft);
            }
            if (instance.attributes().containsKey(LOCKED_UNTIL)) locked.setAttribute(LOCKED_UNTIL, null);
            retriesLeft = (int) (maxAttempts - failures);
            return new FailureException(ErrorCode.WRONG_OLD_PASSWORD, "the old password is wrong; " + retriesLeft
                    + " more wrong attempt(s) lock the instance for " + lockMinutes() + " minute(s)");
        }

        @Override
        public void onRightPassword(InstanceStore.LockedInstance locked) {
            Instance instance = locked.instance();
            if (instance.attributes().containsKey(FAILURES)) locked.setAttribute(FAILURES, null);
            if (instance.attributes().containsKey(LOCKED_UNTIL)) locked.setAttribute(LOCKED_UNTIL, null);
            retriesLeft = maxAttempts;
        }

        private FailureException lockedFailure(long minutes) {
            return new FailureException(ErrorCode.INSTANCE_LOCKED, "the instance is locked after " + maxAttempts
                    + " wrong old passwords in a row; retry in " + minutes + " minute(s)");
        }
    }
}
