package dev.rekey.it.aliyun;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Signed Aliyun requests built by hand, as the wire reference describes them, so that a test can send exactly the
 * same bytes twice (a replay), tamper with a signed value, or read the raw status, headers and body.
 */
final class RawAliyunClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String endpoint;
    private final String keyId;
    private final String secret;

    RawAliyunClient(String endpoint, String keyId, String secret) {
        this.endpoint = endpoint;
        this.keyId = keyId;
        this.secret = secret;
    }

    /** A V1 request's complete parameter set, signature included, as the old Java SDK builds it. */
    Map<String, String> v1(String action, Map<String, String> api, Instant at) {
        var params = new TreeMap<>(api);
        params.put("AccessKeyId", keyId);
        params.put("Action", action);
        params.putIfAbsent("Format", "JSON");
        params.put("SignatureMethod", "HMAC-SHA1");
        params.put("SignatureNonce", UUID.randomUUID().toString().replace("-", ""));
        params.put("SignatureVersion", "1.0");
        params.put("Timestamp", at.truncatedTo(ChronoUnit.SECONDS).toString());
        params.put("Version", "2015-01-01");
        String stringToSign = "POST&%2F&" + encode(query(params));
        params.put("Signature", Base64.getEncoder().encodeToString(hmac("HmacSHA1", secret + "&", stringToSign)));
        return params;
    }

    /** POST with every parameter in the query and no body, as the old Java SDK sends it. */
    HttpResponse<String> postQuery(Map<String, String> params) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://" + endpoint + "/?" + query(params)))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** POST with every parameter in a form body, as pop-core sends it. */
    HttpResponse<String> postForm(Map<String, String> params) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://" + endpoint + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(query(params))));
    }

    /** A V3 (ACS3-HMAC-SHA256) POST with the API parameters in the query, as the current Java SDK sends it. */
    HttpRequest v3(String action, Map<String, String> api, Instant at) {
        String date = at.truncatedTo(ChronoUnit.SECONDS).toString();
        String nonce = UUID.randomUUID().toString().replace("-", "");
        String bodyHash = hex(sha256(""));
        String query = query(new TreeMap<>(api));
        var headers = new TreeMap<String, String>();
        headers.put("host", endpoint);
        headers.put("x-acs-action", action);
        headers.put("x-acs-content-sha256", bodyHash);
        headers.put("x-acs-date", date);
        headers.put("x-acs-signature-nonce", nonce);
        headers.put("x-acs-version", "2015-01-01");
        String signedHeaders = String.join(";", headers.keySet());
        String canonicalHeaders = headers.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue() + "\n").collect(Collectors.joining());
        String canonicalRequest = "POST\n/\n" + query + "\n" + canonicalHeaders + "\n" + signedHeaders + "\n" + bodyHash;
        String stringToSign = "ACS3-HMAC-SHA256\n" + hex(sha256(canonicalRequest));
        String signature = hex(hmac("HmacSHA256", secret, stringToSign));
        var builder = HttpRequest.newBuilder(URI.create("http://" + endpoint + "/?" + query))
                .header("Authorization", "ACS3-HMAC-SHA256 Credential=" + keyId + ",SignedHeaders=" + signedHeaders + ",Signature=" + signature)
                .POST(HttpRequest.BodyPublishers.noBody());
        headers.forEach((name, value) -> {
            if (!name.equals("host")) builder.header(name, value);
        });
        return builder.build();
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) throws Exception {
        return send(builder.build());
    }

    static String query(Map<String, String> params) {
        return params.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
    }

    /** Aliyun's percentEncode: UTF-8, A-Z a-z 0-9 - _ . ~ kept, everything else %XX in upper case. */
    static String encode(String value) {
        var out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            boolean keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';
            if (keep) out.append((char) c);
            else out.append('%').append(String.format("%02X", c));
        }
        return out.toString();
    }

    private static byte[] hmac(String algorithm, String key, String data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(String data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
