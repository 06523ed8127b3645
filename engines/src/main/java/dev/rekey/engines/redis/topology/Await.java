package dev.rekey.engines.redis.topology;

import dev.rekey.core.EngineException;
import java.time.Duration;

/** Polls a condition until it holds or a deadline passes; the failure says what was still wrong. */
final class Await {

    @FunctionalInterface
    interface Check {
        /** What is still wrong, or null when the condition holds. */
        String problem() throws EngineException;
    }

    private Await() {
    }

    static void until(String what, Duration timeout, Check check) throws EngineException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String problem = "not checked yet";
        while (System.nanoTime() < deadline) {
            try {
                problem = check.problem();
            } catch (EngineException e) {
                problem = e.getMessage();
            }
            if (problem == null) return;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineException("interrupted while waiting for " + what);
            }
        }
        throw new EngineException(what + " did not happen within " + timeout.toSeconds() + " s: " + problem);
    }
}
