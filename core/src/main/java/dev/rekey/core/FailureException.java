package dev.rekey.core;

/** Carries a {@link Failure} out of deep call chains; use cases turn it into {@link Outcome.Fail}. */
public final class FailureException extends RuntimeException {
    private final Failure failure;

    public FailureException(ErrorCode code, String message) {
        this(Failure.of(code, message));
    }

    public FailureException(Failure failure) {
        super(failure.code() + ": " + failure.message(), null, false, false);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
