package dev.rekey.core;

import java.util.function.Supplier;

/** The result of a CVM use case: a value, or a refusal that the CVM dialect renders. */
public sealed interface CvmOutcome<T> {

    record Ok<T>(T value) implements CvmOutcome<T> {
    }

    record Refused<T>(CvmFailure failure) implements CvmOutcome<T> {
    }

    static <T> CvmOutcome<T> of(Supplier<T> body) {
        try {
            return new Ok<>(body.get());
        } catch (CvmFailureException e) {
            return new Refused<>(e.failure());
        } catch (FailureException e) {
            return new Refused<>(new CvmFailure.Common(e.failure()));
        }
    }
}
