package dev.rekey.api.huawei;

import dev.rekey.api.Digests;
import dev.rekey.core.Hashes;

import java.nio.charset.StandardCharsets;

/** The hashing around the canonical request: no derived key, no scope; the HMAC key is the secret key itself. */
final class SdkHmacSha256 {
    static final String ALGORITHM = "SDK-HMAC-SHA256";
    /** X-Sdk-Content-Sha256 value by which a client declares that it did not hash the body. */
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private SdkHmacSha256() {
    }

    static String stringToSign(String sdkDate, String canonicalRequest) {
        return ALGORITHM + "\n" + sdkDate + "\n" + Hashes.sha256Hex(canonicalRequest);
    }

    /** Lower-case hex HMAC-SHA256 of the string to sign, keyed with the secret key's UTF-8 bytes. */
    static String signature(byte[] secretKey, String stringToSign) {
        return Hashes.hex(Digests.hmacSha256(secretKey, stringToSign));
    }

    static String authorization(String accessKey, String signedHeaders, String signature) {
        return ALGORITHM + " Access=" + accessKey + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature;
    }
}
