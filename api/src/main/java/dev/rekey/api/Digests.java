package dev.rekey.api;

import dev.rekey.core.Hashes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The HMAC signing helpers every cloud's signature is built from: messages (and string keys) as UTF-8, the hashing
 * itself in the core's {@link Hashes} (SHA-256 and hex too), and constant-time comparison of what a client sent.
 */
public final class Digests {
    private Digests() {
    }

    /** {@code algorithm} is a JCA Mac name: HmacSHA1 or HmacSHA256. */
    public static byte[] hmac(String algorithm, byte[] key, String message) {
        return Hashes.hmac(algorithm, key, message.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] hmacSha256(byte[] key, String message) {
        return hmac("HmacSHA256", key, message);
    }

    /** {@code key} as UTF-8 text, as the clouds whose secret is a string key use it. */
    public static byte[] hmac(String algorithm, String key, String message) {
        return hmac(algorithm, key.getBytes(StandardCharsets.UTF_8), message);
    }

    /** Constant time, for signatures sent as text. */
    public static boolean sameText(String expected, String received) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), received.getBytes(StandardCharsets.UTF_8));
    }

    /** Constant time, so the reply time tells nothing about how many leading bytes of a forged signature were right. */
    public static boolean sameBytes(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
