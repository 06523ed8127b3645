package dev.rekey.api;

/**
 * Told about every request the HTTP server answered, with the same facts as its access line: what the request was
 * ({@link Access}), the HTTP status and the latency. The metrics hook in here, in one place; an observer must be quick
 * and must not throw (it runs before the answer is sent).
 */
@FunctionalInterface
public interface AccessObserver {
    AccessObserver NONE = (access, status, latencyNanos) -> { };

    void observed(Access access, int status, long latencyNanos);
}
