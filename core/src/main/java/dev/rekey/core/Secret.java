package dev.rekey.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A password or key. Its {@code toString()} is redacted so that no log line, exception or audit record can carry it
 * by accident; the value is read only through {@link #reveal()}, which makes every use visible in review.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        if (value == null) throw new IllegalArgumentException("a secret cannot be null");
        return new Secret(value);
    }

    public String reveal() {
        return value;
    }

    public int length() {
        return value.codePointCount(0, value.length());
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    /** Lowercase hex SHA-256 of the UTF-8 bytes: the fingerprint Redis keeps for a password. */
    public String sha256Hex() {
        return Hashes.sha256Hex(value);
    }

    /** Constant-time comparison, so that timing tells nothing about how much of a guess was right. */
    public boolean sameAs(Secret other) {
        return other != null && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && sameAs(s);
    }

    @Override
    public int hashCode() {
        return 0; // deliberately constant: a hash of the value would leak information into hash-based structures
    }

    @Override
    public String toString() {
        return "Secret[redacted]";
    }
}
