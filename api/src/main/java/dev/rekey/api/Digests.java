package dev.rekey.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The HMAC and SHA-256 primitives every cloud's signature is built from. */
public final class Digests {
    private Digests() {
    }

    /** {@code algorithm} is a JCA Mac name: HmacSHA1 or HmacSHA256. */
    public static byte[] hmac(String algorithm, byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }

    public static byte[] hmacSha256(byte[] key, String message) {
        return hmac("HmacSHA256", key, message);
    }

    public static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
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
