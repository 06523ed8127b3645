package dev.rekey.core;

import java.util.function.Supplier;

/** The result of every use case: a value, or a failure every dialect knows how to render. */
public sealed interface Outcome<T> {

    record Ok<T>(T value) implements Outcome<T> {
    }

    record Fail<T>(Failure failure) implements Outcome<T> {
    }

    static <T> Outcome<T> of(Supplier<T> body) {
        try {
            return new Ok<>(body.get());
        } catch (FailureException e) {
            return new Fail<>(e.failure());
        }
    }
}
