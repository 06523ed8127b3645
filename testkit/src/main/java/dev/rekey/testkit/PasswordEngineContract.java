package dev.rekey.testkit;

import dev.rekey.core.EngineException;
import dev.rekey.core.EngineState;
import dev.rekey.core.PasswordEngine;
import dev.rekey.core.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link PasswordEngine} must do, run against a real engine by each subclass (Redis and Memcached in the
 * engines module). A subclass spawns and stops the engine's server; everything said here holds for every engine. Each
 * test starts a fresh server whose account accepts exactly {@link #INITIAL}.
 */
public abstract class PasswordEngineContract {
    /** No blanks, colons or quotes, so that every engine can store them. */
    protected static final Secret INITIAL = Secret.of("Initial-Contract-Pa55-1");
    protected static final Secret NEXT = Secret.of("Next-Contract-Pa55-2");

    /** What an engine's timeout may be exceeded by on a loaded machine before the call counts as hanging. */
    private static final Duration SLACK = Duration.ofSeconds(1);

    private PasswordEngine engine;

    /** Spawns the engine's server with an account that accepts exactly {@code initial}; returns its engine. */
    protected abstract PasswordEngine start(Secret initial) throws Exception;

    /** Stops the server and starts it again from what it keeps on disk; returns the engine of the new server. */
    protected abstract PasswordEngine restart() throws Exception;

    /** Stops every server {@link #start} and {@link #restart} spawned (after each test). */
    protected abstract void stop() throws Exception;

    /** The process that answers for the engine now, which a test freezes with SIGSTOP. */
    protected abstract long pid();

    /** Whether the engine can let its account in without a password ({@link PasswordEngine#makePasswordFree}). */
    protected abstract boolean supportsPasswordFree();

    /** The longest one call may take on a server that does not answer: the engine's documented timeout. */
    protected abstract Duration callTimeout();

    @BeforeEach
    final void startEngine() throws Exception {
        engine = start(INITIAL);
    }

    @AfterEach
    final void stopEngine() throws Exception {
        stop();
    }

    @Test
    void theInitialPasswordIsTheOnlyOneHeld() throws Exception {
        assertTrue(engine.read().holdsOnly(INITIAL));
        engine.verify(INITIAL, NEXT);
    }

    @Test
    void aReplacedPasswordIsVerifiedAndReadBackAsTheOnlyOne() throws Exception {
        engine.replace(NEXT);

        engine.verify(NEXT, INITIAL);
        assertTrue(engine.read().holdsOnly(NEXT), "read() holds exactly the new fingerprint");
    }

    @Test
    void restoreBringsBackExactlyThePreviousState() throws Exception {
        EngineState previous = engine.read();
        engine.replace(NEXT);

        engine.restore(previous);

        engine.verify(INITIAL, NEXT);
        assertSameState(previous, engine.read());
    }

    @Test
    void aPersistedPasswordSurvivesARestart() throws Exception {
        engine.replace(NEXT);
        engine.persist();

        engine = restart();

        engine.verify(NEXT, INITIAL);
        assertTrue(engine.read().holdsOnly(NEXT));
    }

    @Test
    void passwordFreeAccessIsGrantedAndUndoneWhereSupportedAndRefusedWithoutAChangeElsewhere() throws Exception {
        EngineState previous = engine.read();
        if (!supportsPasswordFree()) {
            assertThrows(EngineException.class, engine::makePasswordFree);
            engine.verify(INITIAL, NEXT);
            assertSameState(previous, engine.read());
            return;
        }
        engine.makePasswordFree();
        engine.verify(null, null);
        assertTrue(engine.read().passwordFree());

        engine.restore(previous);
        engine.verify(INITIAL, NEXT);
        assertSameState(previous, engine.read());

        engine.makePasswordFree();
        engine.replace(NEXT);
        engine.verify(NEXT, INITIAL);
        assertTrue(engine.read().holdsOnly(NEXT), "a replace ends password-free access");
    }

    @Test
    void verifyFailsWhenTheExpectedPasswordIsNotAcceptedAndNamesNoSecret() {
        EngineException notAccepted = assertThrows(EngineException.class, () -> engine.verify(NEXT, null));
        EngineException notRefused = assertThrows(EngineException.class, () -> engine.verify(INITIAL, INITIAL));

        for (EngineException e : new EngineException[] {notAccepted, notRefused}) {
            assertFalse(e.getMessage().contains(INITIAL.reveal()) || e.getMessage().contains(NEXT.reveal()),
                    e.getMessage());
        }
    }

    @Test
    void aServerThatDoesNotAnswerMakesCallsFailWithinTheTimeoutInsteadOfHanging() throws Exception {
        signal("STOP");
        try {
            EngineException verify = assertThrows(EngineException.class,
                    () -> withinTimeout("verify", () -> engine.verify(INITIAL, null)));
            assertFalse(verify.getMessage().contains(INITIAL.reveal()), verify.getMessage());
            // these may succeed where they need no answer from the server (a file the engine owns, say)
            answersOrFailsWithinTimeout("read", engine::read);
            answersOrFailsWithinTimeout("persist", engine::persist);
            answersOrFailsWithinTimeout("replace", () -> engine.replace(NEXT));
        } finally {
            signal("CONT");
        }
    }

    @FunctionalInterface
    private interface Call {
        void run() throws EngineException;
    }

    private void answersOrFailsWithinTimeout(String name, Call call) {
        try {
            withinTimeout(name, call);
        } catch (EngineException failedInTime) {
            // a failure is an answer too: what matters is that it came in time
        }
    }

    /** Runs {@code call}, then checks that it ended within the engine's timeout, whichever way it ended. */
    private void withinTimeout(String name, Call call) throws EngineException {
        long started = System.nanoTime();
        try {
            call.run();
        } finally {
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            long limit = callTimeout().plus(SLACK).toMillis();
            assertTrue(millis <= limit, name + " took " + millis + " ms on a frozen server (limit " + limit + " ms)");
        }
    }

    private static void assertSameState(EngineState expected, EngineState actual) {
        assertEquals(expected.fingerprints(), actual.fingerprints());
        assertEquals(expected.passwordFree(), actual.passwordFree());
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).redirectErrorStream(true).start();
        assertTrue(kill.waitFor(5, TimeUnit.SECONDS), "kill -" + name + " did not finish");
        assertEquals(0, kill.exitValue(), "kill -" + name + " " + pid());
    }
}
