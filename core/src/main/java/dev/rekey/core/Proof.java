package dev.rekey.core;

/**
 * How one stage of an operation was verified: {@code stage} names it ({@code change}: the new password set;
 * {@code window}: the old one removed at the end of an overlap window), {@code summary} says it in words, and
 * {@code logins} holds what fresh logins on every node accepted (null where the engine proves otherwise, e.g. a
 * guest's shadow entry). Never a password.
 */
public record Proof(String stage, String summary, RotationProof logins) {
    public static final String CHANGE = "change";
    public static final String WINDOW = "window";

    public static Proof of(String stage, String summary) {
        return new Proof(stage, summary, null);
    }
}
