package dev.rekey.api.huawei;

import dev.rekey.core.Hashes;
import dev.rekey.core.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Signs a request the way the Java SDK's AKSKSigner does, for callers without an SDK model (the v1.0 password API,
 * benchmarks, raw tests). It signs every given header except Content-Type and names containing '_', plus X-Sdk-Date.
 */
public final class HuaweiSigner {
    private HuaweiSigner() {
    }

    /**
     * The headers to add to the request: {@code X-Sdk-Date} (unless {@code headers} already has one, which is then
     * signed as given, like the SDK does) and {@code Authorization}.
     *
     * @param pathAndQuery the request target as it will be sent, e.g. {@code /v2/pid/instances?limit=10}
     * @param headers      the headers that will be sent; must include {@code Host} (host:port as sent)
     * @param body         the body bytes as sent (null or empty for none)
     */
    public static Map<String, String> sign(String method, String pathAndQuery, Map<String, String> headers,
                                           byte[] body, String accessKey, Secret secretKey, Instant at) {
        TreeMap<String, String> signed = signableHeaders(headers);
        if (!signed.containsKey("host")) {
            throw new IllegalArgumentException("a Host header is required: the SDK signs the endpoint's host:port");
        }
        var added = new LinkedHashMap<String, String>();
        if (!signed.containsKey("x-sdk-date")) {
            signed.put("x-sdk-date", SdkDate.format(at));
            added.put("X-Sdk-Date", signed.get("x-sdk-date"));
        }
        List<CanonicalRequest.Header> canonicalHeaders = signed.entrySet().stream()
                .map(e -> new CanonicalRequest.Header(e.getKey(), e.getValue())).toList();
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String rawQuery = q < 0 ? null : pathAndQuery.substring(q + 1);
        String canonical = CanonicalRequest.text(method.toUpperCase(Locale.ROOT), path,
                CanonicalRequest.query(rawQuery, false), canonicalHeaders, payloadHash(headers, body));
        String signature = SdkHmacSha256.signature(secretKey.reveal().getBytes(StandardCharsets.UTF_8),
                SdkHmacSha256.stringToSign(signed.get("x-sdk-date"), canonical));
        added.put("Authorization", SdkHmacSha256.authorization(accessKey,
                CanonicalRequest.signedHeaders(canonicalHeaders), signature));
        return added;
    }

    /** Lower-case names, sorted, as the SDK signs them. */
    private static TreeMap<String, String> signableHeaders(Map<String, String> headers) {
        var signed = new TreeMap<String, String>();
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.equals("content-type") && !lower.contains("_")) signed.putIfAbsent(lower, value);
        });
        return signed;
    }

    private static String payloadHash(Map<String, String> headers, byte[] body) {
        for (var e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase("x-sdk-content-sha256")) return e.getValue();
        }
        return Hashes.sha256Hex(body == null ? new byte[0] : body);
    }
}
