package dev.rekey.testkit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * A bounded poll for a condition a test waits for, instead of a sleep that guesses how long it takes: returns as
 * soon as the condition holds, and fails naming what it waited for when it still does not hold at the deadline.
 * An exception thrown by the condition ends the wait at once, as it would have without the wait: a probe for which a
 * failure means "not yet" (a refused connection while a server starts) catches it and answers false.
 */
public final class Await {
    private static final long POLL_NANOS = Duration.ofMillis(10).toNanos();

    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** A value that may not be there yet: empty means "not yet". */
    @FunctionalInterface
    public interface Probe<T> {
        Optional<T> value() throws Exception;
    }

    private Await() {
    }

    public static void until(String what, Duration timeout, Condition condition) throws Exception {
        value(what, timeout, () -> condition.holds() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /** The first value {@code probe} yields within {@code timeout}. */
    public static <T> T value(String what, Duration timeout, Probe<T> probe) throws Exception {
        return value(() -> what, timeout, probe);
    }

    /** As {@link #value(String, Duration, Probe)}, with a description made at the deadline (the last state seen). */
    public static <T> T value(Supplier<String> what, Duration timeout, Probe<T> probe) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> value = probe.value();
            if (value.isPresent()) return value.get();
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what.get());
            }
            LockSupport.parkNanos(POLL_NANOS);
            if (Thread.interrupted()) throw new InterruptedException("interrupted while waiting until " + what.get());
        }
    }
}
