package dev.rekey.core;

/** A refusal by the core: a code every dialect can map and a message that names the rule, never a secret. */
public record Failure(ErrorCode code, String message) {
}
