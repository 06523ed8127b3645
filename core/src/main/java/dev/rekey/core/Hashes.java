package dev.rekey.core;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one place that computes SHA-256, HMAC and their lower-case hex: password fingerprints, nonce keys, the master
 * key's fingerprint and every cloud's signature call it. JDK only, as the core must be.
 */
public final class Hashes {
    private static final HexFormat HEX = HexFormat.of();

    private Hashes() {
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** Lower-case hex of the SHA-256 of {@code data}. */
    public static String sha256Hex(byte[] data) {
        return hex(sha256(data));
    }

    /** Lower-case hex of the SHA-256 of the UTF-8 bytes of {@code text}. */
    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code algorithm} is a JCA Mac name: HmacSHA1 or HmacSHA256. */
    public static byte[] hmac(String algorithm, byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }

    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** Upper- or lower-case hex digits, an even count of them; anything else is an IllegalArgumentException. */
    public static byte[] parseHex(String hex) {
        return HEX.parseHex(hex);
    }
}
