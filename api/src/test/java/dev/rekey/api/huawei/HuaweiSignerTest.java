package dev.rekey.api.huawei;

import static dev.rekey.api.huawei.HuaweiSignatureVerifierTest.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekey.api.AuthResult;
import dev.rekey.api.WireRequest;
import dev.rekey.api.AuthResult.Authenticated;
import dev.rekey.api.RawRequest;
import dev.rekey.core.Cloud;
import dev.rekey.core.Credential;
import dev.rekey.core.Hashes;
import dev.rekey.core.KeyRing;
import dev.rekey.core.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HuaweiSignerTest {
    private static final String AK = "AK0123456789EXAMPLE";
    private static final Secret SK = Secret.of("sk-round-trip-0123456789");
    private static final String PROJECT = "0123456789abcdef0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-11-24T10:15:30Z");
    /** Headers okhttp adds after the SDK has signed, so the SDK never signed them. */
    private static final Set<String> ADDED_BY_TRANSPORT =
            Set.of("authorization", "transfer-encoding", "content-length", "connection", "accept-encoding");

    static List<HuaweiCapture> javaCaptures() {
        return HuaweiCapture.all().stream().filter(c -> c.sdk().equals("java")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("javaCaptures")
    void signerReproducesTheJavaSdkAuthorization(HuaweiCapture capture) {
        RawRequest request = capture.request();
        var headers = new LinkedHashMap<String, String>();
        request.headers().forEach((name, values) -> {
            if (!ADDED_BY_TRANSPORT.contains(name)) headers.put(name, values.get(0));
        });

        Map<String, String> added = HuaweiSigner.sign(request.method(), target(request), headers, request.body(),
                capture.accessKey(), Secret.of(capture.secretKey()), Instant.EPOCH);

        assertEquals(Map.of("Authorization", request.header("authorization")), added);
    }

    @Test
    void signedPutWithJsonBodyVerifies() {
        String path = "/v1.0/" + PROJECT + "/instances/a2a4ea4f-3a43-4b6c-9a1a-6a9a8a2c1d10/password";
        String body = "{\"old_password\":\"Old#Pass2024\",\"new_password\":\"New#Pass2025\"}";
        Map<String, String> headers = sdkHeaders();
        headers.put("Content-Type", "application/json;charset=UTF-8");

        Map<String, String> added = HuaweiSigner.sign("PUT", path, headers, bytes(body), AK, SK, NOW);

        assertEquals("20261124T101530Z", added.get("X-Sdk-Date"));
        assertTrue(added.get("Authorization").startsWith("SDK-HMAC-SHA256 Access=" + AK
                + ", SignedHeaders=host;user-agent;x-project-id;x-sdk-date, Signature="), added.get("Authorization"));
        assertInstanceOf(Authenticated.class, verify(send("PUT", path, headers, added, body)));
    }

    @Test
    void signedGetWithQueryVerifies() {
        String target = "/v2/" + PROJECT + "/instances?name=my%20redis*%7E%2F%C3%A9&limit=10&offset=0";
        Map<String, String> headers = sdkHeaders();

        Map<String, String> added = HuaweiSigner.sign("GET", target, headers, null, AK, SK, NOW);

        assertInstanceOf(Authenticated.class, verify(send("GET", target, headers, added, "")));
    }

    @Test
    void repeatedQueryValuesInWireOrderVerify() {
        String target = "/v2/" + PROJECT + "/instances?tags=zone%3Db&tags=zone%3Da";
        Map<String, String> headers = sdkHeaders();

        Map<String, String> added = HuaweiSigner.sign("GET", target, headers, null, AK, SK, NOW);

        assertInstanceOf(Authenticated.class, verify(send("GET", target, headers, added, "")));
    }

    @Test
    void repeatedQueryValuesSortedAsNodeSignsThemVerify() {
        String rawQuery = "tags=zone%3Db&tags=zone%3Da";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("host", "127.0.0.1:18093");
        headers.put("X-Project-Id", PROJECT);
        headers.put("X-Sdk-Date", SdkDate.format(NOW));
        var signed = List.of(new CanonicalRequest.Header("content-type", "application/json"),
                new CanonicalRequest.Header("host", "127.0.0.1:18093"),
                new CanonicalRequest.Header("x-project-id", PROJECT),
                new CanonicalRequest.Header("x-sdk-date", SdkDate.format(NOW)));
        String canonical = CanonicalRequest.text("GET", "/v2/" + PROJECT + "/instances",
                CanonicalRequest.query(rawQuery, true), signed, Hashes.sha256Hex(new byte[0]));
        String signature = SdkHmacSha256.signature(bytes(SK.reveal()),
                SdkHmacSha256.stringToSign(SdkDate.format(NOW), canonical));
        var added = Map.of("Authorization", SdkHmacSha256.authorization(AK, "content-type;host;x-project-id;x-sdk-date",
                signature));

        assertInstanceOf(Authenticated.class,
                verify(send("GET", "/v2/" + PROJECT + "/instances?" + rawQuery, headers, added, "")));
    }

    @Test
    void unsignedPayloadWithoutBodyVerifies() {
        String target = "/v2/" + PROJECT + "/instances";
        Map<String, String> headers = sdkHeaders();
        headers.put("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD");

        Map<String, String> added = HuaweiSigner.sign("GET", target, headers, null, AK, SK, NOW);

        assertTrue(added.get("Authorization").contains("x-sdk-content-sha256"));
        assertInstanceOf(Authenticated.class, verify(send("GET", target, headers, added, "")));
    }

    @Test
    void unsignedPayloadWithBodyIsRejected() {
        String path = "/v2/" + PROJECT + "/instances/a2a4ea4f-3a43-4b6c-9a1a-6a9a8a2c1d10/password";
        String body = "{\"old_password\":\"Old#Pass2024\",\"new_password\":\"New#Pass2025\"}";
        Map<String, String> headers = sdkHeaders();
        headers.put("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD");

        Map<String, String> added = HuaweiSigner.sign("PUT", path, headers, bytes(body), AK, SK, NOW);

        var rejected = assertRejected(verify(send("PUT", path, headers, added, body)));
        assertTrue(rejected.message().contains("UNSIGNED-PAYLOAD"), rejected.message());
    }

    @Test
    void declaredBodyHashThatDoesNotMatchTheBodyIsRejected() {
        String path = "/v2/" + PROJECT + "/instances/a2a4ea4f-3a43-4b6c-9a1a-6a9a8a2c1d10/password";
        Map<String, String> headers = sdkHeaders();
        headers.put("X-Sdk-Content-Sha256", Hashes.sha256Hex(bytes("{\"new_password\":\"Signed#1\"}")));
        String sent = "{\"new_password\":\"Swapped#1\"}";

        Map<String, String> added = HuaweiSigner.sign("PUT", path, headers, bytes(sent), AK, SK, NOW);

        var rejected = assertRejected(verify(send("PUT", path, headers, added, sent)));
        assertTrue(rejected.message().contains("does not match the request body"), rejected.message());
    }

    @Test
    void signingWithoutHostIsRefused() {
        var headers = Map.of("X-Project-Id", PROJECT);

        assertThrows(IllegalArgumentException.class,
                () -> HuaweiSigner.sign("GET", "/v2/" + PROJECT + "/instances", headers, null, AK, SK, NOW));
    }

    private static Map<String, String> sdkHeaders() {
        var headers = new LinkedHashMap<String, String>();
        headers.put("User-Agent", "huaweicloud-usdk-java/3.0");
        headers.put("Host", "127.0.0.1:18091");
        headers.put("X-Project-Id", PROJECT);
        return headers;
    }

    private static RawRequest send(String method, String target, Map<String, String> headers,
                                   Map<String, String> added, String body) {
        var all = new LinkedHashMap<>(added);
        all.putAll(headers);
        int q = target.indexOf('?');
        return RawRequest.of(method, q < 0 ? target : target.substring(0, q), q < 0 ? null : target.substring(q + 1),
                all, body);
    }

    private static AuthResult verify(RawRequest request) {
        var credential = new Credential(Cloud.HUAWEI, "tenant-1", AK, SK, PROJECT);
        KeyRing keys = (cloud, keyId) -> cloud == Cloud.HUAWEI && keyId.equals(AK)
                ? Optional.of(credential) : Optional.empty();
        return new HuaweiSignatureVerifier(keys, Clock.fixed(NOW, ZoneOffset.UTC)).verify(WireRequest.of(request));
    }

    private static String target(RawRequest request) {
        return request.rawQuery() == null ? request.path() : request.path() + "?" + request.rawQuery();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
