package dev.rekey.core;

/** Carries a {@link CvmFailure} out of the batch checks; the use cases turn it into {@link CvmOutcome.Refused}. */
public final class CvmFailureException extends RuntimeException {
    private final CvmFailure failure;

    public CvmFailureException(CvmFailure failure) {
        super(failure.message(), null, false, false);
        this.failure = failure;
    }

    public CvmFailure failure() {
        return failure;
    }
}
