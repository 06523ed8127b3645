package dev.rekey.core;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

class LockoutPolicyTest {
    private Instant now = Instant.parse("2026-11-23T07:00:00Z");
    private final Clock clock = new Clock() {
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        public Instant instant() {
            return now;
        }
    };
    private final LockoutPolicy policy = new LockoutPolicy(5, Duration.ofMinutes(5), clock);
    private Lockout row = Lockout.NONE;

    /** One wrong old password as the core counts it under the row lock: the next count and the refusal it answers. */
    private Failure wrong(LockoutPolicy p) {
        assertNull(p.lockedNow(row), "a locked instance never reaches the check");
        row = p.afterWrong(row);
        return p.refusalFor(row);
    }

    private Failure wrong() {
        return wrong(policy);
    }

    @Test
    void fourWrongPasswordsCountDownAndTheFifthLocks() {
        for (int left = 4; left >= 1; left--) {
            var refusal = assertInstanceOf(Failure.WrongOldPassword.class, wrong());
            assertEquals(left, refusal.retriesLeft());
        }
        var fifth = assertInstanceOf(Failure.Locked.class, wrong());
        assertEquals(5, fifth.minutesLeft());
        assertEquals(5, row.failures());
    }

    @Test
    void whileLockedNothingReachesTheCheckAndMinutesLeftRoundUp() {
        for (int i = 0; i < 5; i++) wrong();
        now = now.plusSeconds(61);
        Failure.Locked locked = policy.lockedNow(row);
        assertEquals(ErrorCode.INSTANCE_LOCKED, locked.code());
        assertEquals(4, locked.minutesLeft(), "3 min 59 s left is reported as 4");
        assertEquals(4, policy.minutesLeft(row));
        assertEquals(5, row.failures(), "a refused attempt is not counted");
    }

    @Test
    void theLockExpiresAndTheNextWrongPasswordStartsANewCount() {
        for (int i = 0; i < 5; i++) wrong();
        now = now.plus(Duration.ofMinutes(5));
        var refusal = assertInstanceOf(Failure.WrongOldPassword.class, wrong());
        assertEquals(4, refusal.retriesLeft());
        assertEquals(0, row.lockedUntilMillis(), "a count below the limit holds no lock");
    }

    @Test
    void aRightPasswordResetsTheCount() {
        wrong();
        wrong();
        row = Lockout.NONE; // what the core writes on a right old password
        var refusal = assertInstanceOf(Failure.WrongOldPassword.class, wrong());
        assertEquals(4, refusal.retriesLeft());
    }

    @Test
    void aZeroMinuteLockAnswersLockedOnceAndThenCountsAgain() {
        var zero = new LockoutPolicy(5, Duration.ZERO, clock);
        for (int i = 0; i < 4; i++) wrong(zero);
        var fifth = assertInstanceOf(Failure.Locked.class, wrong(zero));
        assertEquals(0, fifth.minutesLeft());
        var sixth = assertInstanceOf(Failure.WrongOldPassword.class, wrong(zero));
        assertEquals(4, sixth.retriesLeft());
    }

    @Test
    void aLockEndInThePastDoesNotLock() {
        row = new Lockout(5, now.minusSeconds(1).toEpochMilli());
        assertNull(policy.lockedNow(row));
        assertEquals(0, policy.minutesLeft(row));
    }
}
