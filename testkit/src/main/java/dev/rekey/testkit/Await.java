package dev.rekey.testkit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded poll for a condition a test waits for, instead of a sleep that guesses how long it takes: returns as
 * soon as the condition holds, and fails naming what it waited for when it still does not hold at the deadline.
 */
public final class Await {
    private static final Duration POLL = Duration.ofMillis(10);

    /** A condition that may throw: a failing probe (a refused connection, say) counts as "not yet". */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** A value that may not be there yet: empty, or a failing probe, counts as "not yet". */
    @FunctionalInterface
    public interface Probe<T> {
        Optional<T> value() throws Exception;
    }

    private Await() {
    }

    public static void until(String what, Duration timeout, Condition condition) {
        value(what, timeout, () -> condition.holds() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /** The first value {@code probe} yields within {@code timeout}. */
    public static <T> T value(String what, Duration timeout, Probe<T> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                Optional<T> value = probe.value();
                if (value.isPresent()) return value.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what, e);
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what
                        + (last == null ? "" : " (last probe failed: " + last + ")"), last);
            }
            LockSupport.parkNanos(POLL.toNanos());
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what);
            }
        }
    }
}
