package dev.rekey.api.tencent;

import dev.rekey.api.FormCodec;
import dev.rekey.api.RawRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Client-side signers written from Tencent's public signing docs, independent of the verifier's code, for requests
 * that no SDK capture covers (extra signed headers, UNSIGNED-PAYLOAD, a scope date of another day, no
 * SignatureMethod). Checked against a golden capture in the tests.
 */
final class TestSigners {
    private TestSigners() {
    }

    /** Adds a TC3 Authorization header; the request carries X-TC-Timestamp and the headers named in signedHeaders. */
    static RawRequest signTc3(RawRequest request, String signedHeaders, String date, String secretId, String key) {
        String canonicalHeaders = List.of(signedHeaders.split(";")).stream()
                .map(h -> h + ":" + request.header(h).trim().toLowerCase(Locale.ROOT) + "\n")
                .collect(Collectors.joining());
        boolean unsigned = "UNSIGNED-PAYLOAD".equals(request.header("x-tc-content-sha256"));
        byte[] payload = unsigned ? "UNSIGNED-PAYLOAD".getBytes(StandardCharsets.UTF_8) : request.body();
        String query = request.method().equals("GET") && request.rawQuery() != null ? request.rawQuery() : "";
        String canonical = String.join("\n",
                request.method(), "/", query, canonicalHeaders, signedHeaders, hex(sha256(payload)));
        String scope = date + "/127/tc3_request";
        String toSign = String.join("\n", "TC3-HMAC-SHA256", request.header("x-tc-timestamp"), scope,
                hex(sha256(canonical.getBytes(StandardCharsets.UTF_8))));
        byte[] k = hmac("HmacSHA256", ("TC3" + key).getBytes(StandardCharsets.UTF_8), date);
        k = hmac("HmacSHA256", k, "127");
        k = hmac("HmacSHA256", k, "tc3_request");
        String signature = hex(hmac("HmacSHA256", k, toSign));
        String authorization = "TC3-HMAC-SHA256 Credential=" + secretId + "/" + scope + ", SignedHeaders="
                + signedHeaders + ", Signature=" + signature;
        return CapturedRequest.withHeader(request, "Authorization", authorization);
    }

    /** Base64 of HMAC over METHOD + Host + "/?" + the decoded params sorted by name. */
    static String legacySignature(String algorithm, String method, String host, String rawParams, String key) {
        String sorted = FormCodec.decodePairs(rawParams).stream()
                .sorted(Map.Entry.comparingByKey())
                .map(p -> p.getKey() + "=" + p.getValue())
                .collect(Collectors.joining("&"));
        return Base64.getEncoder().encodeToString(
                hmac(algorithm, key.getBytes(StandardCharsets.UTF_8), method + host + "/?" + sorted));
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(String algorithm, byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
