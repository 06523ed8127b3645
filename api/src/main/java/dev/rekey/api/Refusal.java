package dev.rekey.api;

import dev.rekey.core.Failure;

/**
 * The cloud-shaped error a request is answered with: the HTTP status and code its cloud documents and a message that
 * says what was wrong, never a secret. Every stage of the pipeline refuses by throwing one; the cloud's dialect renders
 * it. {@code failure} is the core's failure it answers, when it answers one: the audit records the core's code then.
 */
public final class Refusal extends RuntimeException {
    private final int status;
    private final String code;
    private final transient Failure failure;

    public Refusal(int status, String code, String message) {
        this(status, code, message, null);
    }

    public Refusal(int status, String code, String message, Failure failure) {
        super(message, null, false, false); // an answer, not a bug: no stack trace
        this.status = status;
        this.code = code;
        this.failure = failure;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The core failure this answers, or null for a refusal of the wire (signature, shape, route, size). */
    public Failure failure() {
        return failure;
    }
}
