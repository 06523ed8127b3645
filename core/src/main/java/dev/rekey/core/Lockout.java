package dev.rekey.core;

/**
 * An instance's wrong-old-password count since the last right one, and when its lock ends (epoch millis; 0 when it
 * has not been locked since). Kept in its own table, written in the same short transaction as the check it counts.
 */
public record Lockout(int failures, long lockedUntilMillis) {
    public static final Lockout NONE = new Lockout(0, 0);
}
