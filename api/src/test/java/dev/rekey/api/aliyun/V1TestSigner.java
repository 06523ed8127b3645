package dev.rekey.api.aliyun;

import dev.rekey.api.RawRequest;

import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/** Test support: a V1 (HMAC-SHA1) signed POST as the old Java SDK sends it, with any action and parameters. */
final class V1TestSigner {
    private V1TestSigner() {
    }

    static RawRequest post(String keyId, String secret, Instant at, String version, String action, Map<String, String> api) {
        var params = new TreeMap<String, String>(api);
        params.put("AccessKeyId", keyId);
        params.put("Action", action);
        params.put("Format", api.getOrDefault("Format", "JSON"));
        params.put("SignatureMethod", "HMAC-SHA1");
        params.put("SignatureNonce", UUID.randomUUID().toString().replace("-", ""));
        params.put("SignatureVersion", "1.0");
        params.put("Timestamp", at.toString());
        params.put("Version", version);
        String canonical = query(params);
        String stringToSign = "POST&" + PercentEncoding.encode("/") + "&" + PercentEncoding.encode(canonical);
        String signature = Base64.getEncoder().encodeToString(Digests.hmac("HmacSHA1", secret + "&", stringToSign));
        return RawRequest.of("POST", "/", canonical + "&Signature=" + PercentEncoding.encode(signature),
                Map.of("Host", "127.0.0.1:18765", "Content-Type", "application/x-www-form-urlencoded"), null);
    }

    private static String query(Map<String, String> sorted) {
        return sorted.entrySet().stream()
                .map(e -> PercentEncoding.encode(e.getKey()) + "=" + PercentEncoding.encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }
}
