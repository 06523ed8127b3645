package dev.rekey.api;

import java.time.Duration;

/** Whether a route answers as soon as its operation is accepted, or once it has ended (or {@link #maxWait()} passed). */
public enum Mode {
    ASYNC(Duration.ZERO),
    SYNC(Duration.ofSeconds(10));

    private final Duration maxWait;

    Mode(Duration maxWait) {
        this.maxWait = maxWait;
    }

    /** How long the answer waits for the operation the call started; reads answer at once either way. */
    public Duration maxWait() {
        return maxWait;
    }
}
