package dev.rekey.api;

import dev.rekey.core.FailureException;
import dev.rekey.core.Outcome;

/** Unwraps a use case's outcome inside a handler: a failure goes on to the pipeline, which answers it per route. */
public final class Outcomes {
    private Outcomes() {
    }

    public static <T> T value(Outcome<T> outcome) {
        return switch (outcome) {
            case Outcome.Ok<T> ok -> ok.value();
            case Outcome.Fail<T> fail -> throw new FailureException(fail.failure());
        };
    }
}
