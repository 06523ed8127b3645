package dev.rekey.api.huawei;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The hashing around the canonical request: no derived key, no scope; the HMAC key is the secret key itself. */
final class SdkHmacSha256 {
    static final String ALGORITHM = "SDK-HMAC-SHA256";
    /** X-Sdk-Content-Sha256 value by which a client declares that it did not hash the body. */
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private SdkHmacSha256() {
    }

    static String stringToSign(String sdkDate, String canonicalRequest) {
        return ALGORITHM + "\n" + sdkDate + "\n" + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    /** Lower-case hex HMAC-SHA256 of the string to sign, keyed with the secret key's UTF-8 bytes. */
    static String signature(byte[] secretKey, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /** Compares two hex signatures in constant time, so timing tells nothing about how much of a guess was right. */
    static boolean sameSignature(String expected, String received) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                received.getBytes(StandardCharsets.US_ASCII));
    }

    static String authorization(String accessKey, String signedHeaders, String signature) {
        return ALGORITHM + " Access=" + accessKey + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature;
    }
}
