package dev.rekey.core;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    private final RowFake row = new RowFake();

    /** An in-memory row lock: attributes only, which is all the guard touches. */
    static final class RowFake implements InstanceStore.LockedInstance {
        final Map<String, String> attributes = new HashMap<>();

        public Instance instance() {
            return new Instance("dcs-1", "acme", Product.HUAWEI_DCS, "r", "n", EngineKind.REDIS, "127.0.0.1", 1,
                    InstanceState.RUNNING, null, attributes);
        }

        public Task startTask(String kind, String requestId, String newFingerprint, String sealedPrevious) {
            throw new UnsupportedOperationException();
        }

        public void setAttribute(String key, String value) {
            if (value == null) attributes.remove(key);
            else attributes.put(key, value);
        }
    }

    private FailureException wrong() {
        var attempt = policy.attempt();
        attempt.beforeCheck(row);
        return attempt.onWrongPassword(row);
    }

    @Test
    void fourWrongPasswordsCountDownAndTheFifthLocks() {
        for (int left = 4; left >= 1; left--) {
            var attempt = policy.attempt();
            attempt.beforeCheck(row);
            assertEquals(ErrorCode.WRONG_OLD_PASSWORD, attempt.onWrongPassword(row).failure().code());
            assertEquals(left, attempt.retriesLeft());
        }
        var fifth = policy.attempt();
        fifth.beforeCheck(row);
        assertEquals(ErrorCode.INSTANCE_LOCKED, fifth.onWrongPassword(row).failure().code());
        assertEquals(0, fifth.retriesLeft());
        assertEquals(5, fifth.minutesLeft());
        assertEquals("5", row.attributes.get(LockoutPolicy.FAILURES));
    }

    @Test
    void whileLockedNothingReachesTheCheckAndMinutesLeftRoundUp() {
        for (int i = 0; i < 5; i++) wrong();
        now = now.plusSeconds(61);
        var attempt = policy.attempt();
        var e = assertThrows(FailureException.class, () -> attempt.beforeCheck(row));
        assertEquals(ErrorCode.INSTANCE_LOCKED, e.failure().code());
        assertEquals(4, attempt.minutesLeft(), "3 min 59 s left is reported as 4");
        assertEquals(4, policy.minutesLeft(row.instance()));
        assertEquals("5", row.attributes.get(LockoutPolicy.FAILURES), "a refused attempt is not counted");
    }

    @Test
    void theLockExpiresAndTheNextWrongPasswordStartsANewCount() {
        for (int i = 0; i < 5; i++) wrong();
        now = now.plus(Duration.ofMinutes(5));
        var attempt = policy.attempt();
        attempt.beforeCheck(row);
        assertEquals(ErrorCode.WRONG_OLD_PASSWORD, attempt.onWrongPassword(row).failure().code());
        assertEquals(4, attempt.retriesLeft());
        assertFalse(row.attributes.containsKey(LockoutPolicy.LOCKED_UNTIL));
    }

    @Test
    void aRightPasswordResetsTheCount() {
        wrong();
        wrong();
        var attempt = policy.attempt();
        attempt.beforeCheck(row);
        attempt.onRightPassword(row);
        assertEquals(5, attempt.retriesLeft());
        assertFalse(row.attributes.containsKey(LockoutPolicy.FAILURES));
        var next = policy.attempt();
        next.onWrongPassword(row);
        assertEquals(4, next.retriesLeft());
    }

    @Test
    void aZeroMinuteLockAnswersLockedOnceAndThenCountsAgain() {
        var zero = new LockoutPolicy(5, Duration.ZERO, clock);
        for (int i = 0; i < 4; i++) zero.attempt().onWrongPassword(row);
        var fifth = zero.attempt();
        assertEquals(ErrorCode.INSTANCE_LOCKED, fifth.onWrongPassword(row).failure().code());
        assertEquals(0, fifth.minutesLeft());
        var sixth = zero.attempt();
        sixth.beforeCheck(row);
        assertEquals(ErrorCode.WRONG_OLD_PASSWORD, sixth.onWrongPassword(row).failure().code());
        assertEquals(4, sixth.retriesLeft());
    }

    @Test
    void aGarbledLockEndDoesNotLock() {
        row.attributes.put(LockoutPolicy.LOCKED_UNTIL, "not-a-number");
        policy.attempt().beforeCheck(row);
        assertEquals(0, policy.minutesLeft(row.instance()));
    }
}
