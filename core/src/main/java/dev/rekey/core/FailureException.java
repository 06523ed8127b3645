package dev.rekey.core;

/** Carries a {@link Failure} out of deep call chains; use cases turn it into {@link Outcome.Fail}. */
public final class FailureException extends RuntimeException {
    private final Failure failure;

    public FailureException(ErrorCode code, String message) {
        super(code + ": " + message, null, false, false);
        this.failure = new Failure(code, message);
    }

    public Failure failure() {
        return failure;
    }
}
