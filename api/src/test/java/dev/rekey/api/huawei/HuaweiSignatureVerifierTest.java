package dev.rekey.api.huawei;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekey.api.AuthResult;
import dev.rekey.api.WireRequest;
import dev.rekey.api.AuthResult.Authenticated;
import dev.rekey.api.AuthResult.Rejected;
import dev.rekey.api.RawRequest;
import dev.rekey.core.Cloud;
import dev.rekey.core.Credential;
import dev.rekey.core.KeyRing;
import dev.rekey.core.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class HuaweiSignatureVerifierTest {
    private static final HuaweiCapture PUT = HuaweiCapture.named("java-dcs-v2-UpdatePassword.http");
    private static final HuaweiCapture LIST = HuaweiCapture.named("java-dcs-v2-ListInstances-query.http");

    static List<HuaweiCapture> captures() {
        return HuaweiCapture.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void everyGoldenCaptureIsAuthenticated(HuaweiCapture capture) {
        AuthResult result = verify(keysOf(capture, capture.secretKey()), capture.clockAtSigning(), capture.request());

        var authenticated = assertInstanceOf(Authenticated.class, result, () -> result.toString());
        assertEquals(capture.accessKey(), authenticated.credential().keyId());
        assertEquals(capture.projectId(), authenticated.credential().projectId());
    }

    @Test
    void tamperedBodyIsRejected() {
        byte[] body = PUT.request().bodyText().replace("NewPass#2025", "NewPass#2026").getBytes(StandardCharsets.UTF_8);

        assertSignatureFails(verify(PUT, withBody(PUT.request(), body)));
    }

    @Test
    void tamperedQueryIsRejected() {
        RawRequest request = LIST.request();
        RawRequest tampered = new RawRequest(request.method(), request.path(),
                request.rawQuery().replace("limit=10", "limit=11"), request.headers(), request.body());

        assertSignatureFails(verify(LIST, tampered));
    }

    @Test
    void tamperedPathIsRejected() {
        RawRequest request = PUT.request();
        RawRequest tampered = new RawRequest(request.method(), request.path().replace("a2a4ea4f", "b2a4ea4f"),
                request.rawQuery(), request.headers(), request.body());

        assertSignatureFails(verify(PUT, tampered));
    }

    @Test
    void queryParametersInAnotherWireOrderStillVerify() {
        RawRequest request = LIST.request();
        RawRequest reordered = new RawRequest(request.method(), request.path(),
                "status=RUNNING&offset=0&include_failure=true&limit=10", request.headers(), request.body());

        assertInstanceOf(Authenticated.class, verify(LIST, reordered));
    }

    @Test
    void hostRewrittenByAProxyIsRejected() {
        assertSignatureFails(verify(PUT, withHeader(PUT.request(), "Host", "rekey.example.com")));
    }

    @Test
    void wrongSecretKeyIsRejected() {
        AuthResult result = verify(keysOf(PUT, "SKWRONG"), PUT.clockAtSigning(), PUT.request());

        assertSignatureFails(result);
    }

    @Test
    void unknownAccessKeyIsRejected() {
        KeyRing empty = (cloud, keyId) -> Optional.empty();

        var rejected = assertRejected(verify(empty, PUT.clockAtSigning(), PUT.request()));
        assertEquals("Incorrect IAM authentication information: Get secretKey failed,ak:AKEXAMPLE,err:ak not exist",
                rejected.message());
    }

    @Test
    void accessKeyOfAnotherCloudIsNotAccepted() {
        KeyRing tencentOnly = (cloud, keyId) -> cloud == Cloud.TENCENT
                ? Optional.of(new Credential(cloud, "t1", keyId, Secret.of("SKEXAMPLE"), null)) : Optional.empty();

        assertRejected(verify(tencentOnly, PUT.clockAtSigning(), PUT.request()));
    }

    @ParameterizedTest
    @ValueSource(ints = {16, -16})
    void dateSixteenMinutesOffIsRejected(int minutes) {
        Clock clock = Clock.offset(PUT.clockAtSigning(), Duration.ofMinutes(minutes));

        var rejected = assertRejected(verify(keysOf(PUT, PUT.secretKey()), clock, PUT.request()));
        assertTrue(rejected.message().startsWith(
                "Incorrect IAM authentication information: signature expired, signature time:20261123T072106Z,"
                        + "server time:"), rejected.message());
    }

    @ParameterizedTest
    @ValueSource(ints = {14, -14, 15, -15})
    void dateUpToFifteenMinutesOffIsAccepted(int minutes) {
        Clock clock = Clock.offset(PUT.clockAtSigning(), Duration.ofMinutes(minutes));

        assertInstanceOf(Authenticated.class, verify(keysOf(PUT, PUT.secretKey()), clock, PUT.request()));
    }

    @Test
    void missingAuthorizationIsRejected() {
        var rejected = assertRejected(verify(PUT, withHeader(PUT.request(), "Authorization", null)));
        assertTrue(rejected.message().contains("Authorization header is missing"), rejected.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SDK-HMAC-SM3 Access=AKEXAMPLE, SignedHeaders=host;x-sdk-date, Signature="
                    + "c873d9f1c564d4003a4a87690a0f73ee6e6d51acb405b20aec2dd6c2ebfa51d0",
            "SDK-HMAC-SHA256 Access=AKEXAMPLE, SignedHeaders=host;x-sdk-date, Signature=c873d9f1",
            "SDK-HMAC-SHA256 Access=AKEXAMPLE, SignedHeaders=host;;x-sdk-date, Signature="
                    + "c873d9f1c564d4003a4a87690a0f73ee6e6d51acb405b20aec2dd6c2ebfa51d0",
            "Bearer abc"})
    void malformedAuthorizationIsRejected(String authorization) {
        var rejected = assertRejected(verify(PUT, withHeader(PUT.request(), "Authorization", authorization)));
        assertTrue(rejected.message().contains("Authorization header is not of the form"), rejected.message());
    }

    @Test
    void signatureWithoutHostIsRejected() {
        String authorization = PUT.request().header("authorization").replace("host;", "");

        var rejected = assertRejected(verify(PUT, withHeader(PUT.request(), "Authorization", authorization)));
        assertTrue(rejected.message().endsWith("SignedHeaders must include host"), rejected.message());
    }

    @Test
    void missingOrMalformedSdkDateIsRejected() {
        assertRejected(verify(PUT, withHeader(PUT.request(), "X-Sdk-Date", null)));
        var rejected = assertRejected(verify(PUT, withHeader(PUT.request(), "X-Sdk-Date", "2026-11-23T07:21:06Z")));
        assertTrue(rejected.message().contains("X-Sdk-Date"), rejected.message());
    }

    @Test
    void signedHeaderAbsentFromTheRequestIsRejected() {
        var rejected = assertRejected(verify(PUT, withHeader(PUT.request(), "User-Agent", null)));
        assertTrue(rejected.message().endsWith("the signed header user-agent is not in the request"),
                rejected.message());
    }

    @Test
    void rejectionsNeverCarryTheSecretKeyOrTheSignature() {
        var rejected = assertRejected(verify(keysOf(PUT, "SKWRONG"), PUT.clockAtSigning(), PUT.request()));
        assertFalse(rejected.message().contains("SKWRONG"));
        assertFalse(rejected.message().contains(PUT.expectedSignature()));
    }

    static KeyRing keysOf(HuaweiCapture capture, String secretKey) {
        var credential = new Credential(Cloud.HUAWEI, "tenant-1", capture.accessKey(), Secret.of(secretKey),
                capture.projectId());
        return (cloud, keyId) -> cloud == Cloud.HUAWEI && keyId.equals(capture.accessKey())
                ? Optional.of(credential) : Optional.empty();
    }

    private static AuthResult verify(HuaweiCapture capture, RawRequest request) {
        return verify(keysOf(capture, capture.secretKey()), capture.clockAtSigning(), request);
    }

    static AuthResult verify(KeyRing keys, Clock clock, RawRequest request) {
        return new HuaweiSignatureVerifier(keys, clock).verify(WireRequest.of(request));
    }

    static Rejected assertRejected(AuthResult result) {
        var rejected = assertInstanceOf(Rejected.class, result);
        assertEquals("APIGW.0301", rejected.code());
        assertEquals(401, rejected.status());
        assertTrue(rejected.message().startsWith("Incorrect IAM authentication information: "), rejected.message());
        return rejected;
    }

    static void assertSignatureFails(AuthResult result) {
        assertEquals("Incorrect IAM authentication information: verify aksk signature fail",
                assertRejected(result).message());
    }

    static RawRequest withBody(RawRequest request, byte[] body) {
        return new RawRequest(request.method(), request.path(), request.rawQuery(), request.headers(), body);
    }

    /** A copy with one header replaced (in place, keeping arrival order) or removed when {@code value} is null. */
    static RawRequest withHeader(RawRequest request, String name, String value) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.headers().forEach((k, v) -> headers.put(k, new ArrayList<>(v)));
        String key = name.toLowerCase(Locale.ROOT);
        if (value == null) headers.remove(key);
        else headers.put(key, List.of(value));
        return new RawRequest(request.method(), request.path(), request.rawQuery(), headers, request.body());
    }
}
