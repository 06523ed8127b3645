package dev.rekey.api;

import dev.rekey.core.Failure;
import dev.rekey.core.Operation;

import java.util.List;
import java.util.Map;

/**
 * What a handler answers: the fields of a success in the cloud's shape, or a refusal to render when the call went
 * wrong after it had started something; and what the call did, for the audit record of a mutating route.
 */
public record Answer(Map<String, Object> fields, Refusal refusal, Did did) {

    /** A read, or a change to values equal to the current ones: nothing to audit. */
    public static Answer of(Map<String, Object> fields) {
        return new Answer(fields, null, new Did.Nothing());
    }

    public static Answer of(Map<String, Object> fields, Did did) {
        return new Answer(fields, null, did);
    }

    public static Answer accepted(Map<String, Object> fields, List<Operation> operations) {
        return new Answer(fields, null, new Did.Accepted("", operations));
    }

    /** The call started {@code operation} but is answered with {@code refusal} (it failed, or did not end in time). */
    public static Answer refusedAfter(Operation operation, Refusal refusal) {
        return new Answer(Map.of(), refusal, new Did.Accepted("", List.of(operation)));
    }

    /** What a mutating call did. */
    public sealed interface Did {
        /** Nothing changed. */
        record Nothing() implements Did {
        }

        /** {@code change} says what changed at once (a rename, say; may be empty); {@code operations}: those started. */
        record Accepted(String change, List<Operation> operations) implements Did {
            public Accepted {
                operations = List.copyOf(operations);
            }
        }

        /** The core refused, and the cloud answers that in a success shape (DCS's 200 {@code passwordFailed}). */
        record Refused(Failure failure) implements Did {
        }
    }
}
