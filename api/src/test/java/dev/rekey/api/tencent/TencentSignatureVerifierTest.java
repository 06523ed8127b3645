package dev.rekey.api.tencent;

import static dev.rekey.api.tencent.CapturedRequest.withBody;
import static dev.rekey.api.tencent.CapturedRequest.withHeader;
import static dev.rekey.api.tencent.CapturedRequest.withQuery;
import static dev.rekey.api.tencent.GoldenCapture.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekey.api.AuthResult;
import dev.rekey.api.RawRequest;
import dev.rekey.api.WireRequest;
import dev.rekey.core.Secret;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TencentSignatureVerifierTest {
    private static final GoldenCapture JAVA_TC3_POST = named("java-redis-ModfiyInstancePassword-tc3-post.http");
    private static final GoldenCapture JAVA_V1_GET = named("java-cvm-ResetInstancesPassword-hmacsha256-get.http");
    private static final GoldenCapture NODE_TC3_POST = named("node-redis-ModifyInstancePassword-tc3-post.http");
    private static final GoldenCapture NODE_TC3_GET = named("node-cvm-DescribeInstances-tc3-get.http");

    static List<GoldenCapture> goldenCaptures() {
        return GoldenCapture.all();
    }

    @ParameterizedTest
    @MethodSource("goldenCaptures")
    void everyOfficialSdkCaptureVerifies(GoldenCapture capture) {
        RawRequest request = capture.request();
        String carried = capture.signatureMethod().equals("TC3-HMAC-SHA256") ? request.header("authorization")
                : request.bodyText() + "&" + request.rawQuery();
        String expected = capture.signatureMethod().equals("TC3-HMAC-SHA256") ? capture.expectedSignature()
                : URLEncoder.encode(capture.expectedSignature(), StandardCharsets.UTF_8);
        assertTrue(carried.contains(expected), "the capture carries the manifest's signature");

        AuthResult result = verifier(capture, 0).verify(WireRequest.of(request));

        var authenticated = assertInstanceOf(AuthResult.Authenticated.class, result, () -> result.toString());
        assertEquals(capture.secretId(), authenticated.credential().keyId());
    }

    @Test
    void tamperedJsonBodyFailsTheSignature() {
        RawRequest tampered = withBody(JAVA_TC3_POST.request(),
                JAVA_TC3_POST.request().bodyText().replace("NewPass#2024", "NewPass#2025"));

        assertRejected(verifier(JAVA_TC3_POST, 0).verify(WireRequest.of(tampered)), TencentRefusals.SIGNATURE_FAILURE);
    }

    @Test
    void tamperedLegacyParameterFailsTheSignature() {
        RawRequest original = JAVA_V1_GET.request();
        RawRequest tampered = withQuery(original, original.rawQuery().replace("ins-cccc3333", "ins-dddd4444"));

        AuthResult result = verifier(JAVA_V1_GET, 0).verify(WireRequest.of(tampered));

        assertRejected(result, TencentRefusals.SIGNATURE_FAILURE);
        String message = ((AuthResult.Rejected) result).message();
        assertTrue(message.contains("InstanceIds.2"), message);
        assertFalse(message.contains("Passw0rd"), "parameter values, a password among them, stay out: " + message);
    }

    @Test
    void wrongSecretKeyFailsTheSignatureWithoutRevealingKeyOrSignature() {
        var verifier = new TencentSignatureVerifier(GoldenCapture.keyRing("AKIDEXAMPLE", "SECRETWRONG"),
                JAVA_TC3_POST.clockAfter(0));
        RawRequest request = JAVA_TC3_POST.request();

        AuthResult result = verifier.verify(WireRequest.of(request));

        assertRejected(result, TencentRefusals.SIGNATURE_FAILURE);
        String message = ((AuthResult.Rejected) result).message();
        var auth = Tc3Authorization.parse(request.header("authorization"));
        String computed = HexFormat.of().formatHex(
                Tc3Signature.sign(request, auth, "1795418012", "127.0.0.1:18080", Secret.of("SECRETWRONG")));
        assertFalse(message.contains("SECRETWRONG"), message);
        assertFalse(message.contains(computed), message);
        assertTrue(message.contains("AKIDEXAMPLE") && message.contains("2026-11-23/127/tc3_request"), message);
    }

    @Test
    void wrongSecretKeyFailsALegacySignatureToo() {
        var verifier = new TencentSignatureVerifier(GoldenCapture.keyRing("AKIDEXAMPLE", "SECRETWRONG"),
                JAVA_V1_GET.clockAfter(0));

        assertRejected(verifier.verify(WireRequest.of(JAVA_V1_GET.request())), TencentRefusals.SIGNATURE_FAILURE);
    }

    @Test
    void unknownSecretIdIsNotFound() {
        var verifier = new TencentSignatureVerifier(GoldenCapture.keyRing("AKIDOTHER", "SECRETEXAMPLE"),
                JAVA_TC3_POST.clockAfter(0));

        AuthResult result = verifier.verify(WireRequest.of(JAVA_TC3_POST.request()));

        assertRejected(result, TencentRefusals.SECRET_ID_NOT_FOUND);
        assertTrue(((AuthResult.Rejected) result).message().contains("AKIDEXAMPLE"));
    }

    @Test
    void requestSigned301SecondsAgoHasExpired() {
        AuthResult result = verifier(JAVA_TC3_POST, 301).verify(WireRequest.of(JAVA_TC3_POST.request()));

        assertRejected(result, TencentRefusals.SIGNATURE_EXPIRE);
        assertTrue(((AuthResult.Rejected) result).message().contains("300 s"));
    }

    @Test
    void requestSigned301SecondsAheadOfServerTimeHasExpired() {
        assertRejected(verifier(JAVA_TC3_POST, -301).verify(WireRequest.of(JAVA_TC3_POST.request())), TencentRefusals.SIGNATURE_EXPIRE);
    }

    @Test
    void requestSignedUpTo300SecondsAgoIsAccepted() {
        assertInstanceOf(AuthResult.Authenticated.class, verifier(JAVA_TC3_POST, 299).verify(WireRequest.of(JAVA_TC3_POST.request())));
        assertInstanceOf(AuthResult.Authenticated.class, verifier(JAVA_TC3_POST, 300).verify(WireRequest.of(JAVA_TC3_POST.request())));
    }

    @Test
    void legacyTimestampIsHeldToTheSameWindow() {
        assertInstanceOf(AuthResult.Authenticated.class, verifier(JAVA_V1_GET, 299).verify(WireRequest.of(JAVA_V1_GET.request())));
        assertRejected(verifier(JAVA_V1_GET, 301).verify(WireRequest.of(JAVA_V1_GET.request())), TencentRefusals.SIGNATURE_EXPIRE);
    }

    @Test
    void requestWithoutAuthorizationOrSignatureIsInvalidAuthorization() {
        RawRequest unsigned = withHeader(JAVA_TC3_POST.request(), "Authorization", null);

        AuthResult result = verifier(JAVA_TC3_POST, 0).verify(WireRequest.of(unsigned));

        assertRejected(result, TencentRefusals.INVALID_AUTHORIZATION);
        assertTrue(((AuthResult.Rejected) result).message().contains("TC3-HMAC-SHA256 Credential="));
    }

    @Test
    void unknownAuthorizationAlgorithmIsInvalidAuthorization() {
        RawRequest request = withHeader(JAVA_TC3_POST.request(), "Authorization", "AWS4-HMAC-SHA256 Credential=x");

        AuthResult result = verifier(JAVA_TC3_POST, 0).verify(WireRequest.of(request));

        assertRejected(result, TencentRefusals.INVALID_AUTHORIZATION);
        assertTrue(((AuthResult.Rejected) result).message().contains("'AWS4-HMAC-SHA256'"));
    }

    @Test
    void malformedAuthorizationHeaderIsInvalidAuthorization() {
        RawRequest request = JAVA_TC3_POST.request();
        String header = request.header("authorization");
        List<String> broken = List.of(
                header.replace(", SignedHeaders=content-type;host", ""),
                header.replace("/127/tc3_request", "/127"),
                header.replace("2026-11-23", "23-11-2026"),
                header.replace("Signature=93ae", "Signature=zzae"),
                "TC3-HMAC-SHA256");
        for (String authorization : broken) {
            assertRejected(verifier(JAVA_TC3_POST, 0).verify(WireRequest.of(withHeader(request, "Authorization", authorization))),
                    TencentRefusals.INVALID_AUTHORIZATION);
        }
    }

    @Test
    void missingTimestampHeaderIsInvalidAuthorization() {
        RawRequest request = withHeader(JAVA_TC3_POST.request(), "X-TC-Timestamp", null);

        assertRejected(verifier(JAVA_TC3_POST, 0).verify(WireRequest.of(request)), TencentRefusals.INVALID_AUTHORIZATION);
    }

    @Test
    void legacyRequestWithoutSecretIdIsInvalidAuthorization() {
        RawRequest original = JAVA_V1_GET.request();
        RawRequest request = withQuery(original, original.rawQuery().replace("&SecretId=AKIDEXAMPLE", ""));

        AuthResult result = verifier(JAVA_V1_GET, 0).verify(WireRequest.of(request));

        assertRejected(result, TencentRefusals.INVALID_AUTHORIZATION);
        assertTrue(((AuthResult.Rejected) result).message().contains("lacks SecretId"));
    }

    @Test
    void unknownLegacySignatureMethodIsInvalidAuthorization() {
        RawRequest original = JAVA_V1_GET.request();
        RawRequest request = withQuery(original, original.rawQuery().replace("=HmacSHA256", "=HmacMD5"));

        assertRejected(verifier(JAVA_V1_GET, 0).verify(WireRequest.of(request)), TencentRefusals.INVALID_AUTHORIZATION);
    }

    @Test
    void legacySignatureWithoutSignatureMethodIsHmacSha1() {
        String params = "Action=DescribeTaskInfo&Version=2018-04-12&Region=ap-guangzhou&TaskId=1001"
                + "&Timestamp=1795418013&Nonce=42&SecretId=AKIDEXAMPLE";
        String signature = TestSigners.legacySignature("HmacSHA1", "GET", "127.0.0.1:18080", params, "SECRETEXAMPLE");
        RawRequest request = RawRequest.of("GET", "/",
                params + "&Signature=" + URLEncoder.encode(signature, StandardCharsets.UTF_8),
                Map.of("Host", "127.0.0.1:18080"), null);

        assertInstanceOf(AuthResult.Authenticated.class, verifier(JAVA_V1_GET, 0).verify(WireRequest.of(request)));
    }

    @Test
    void nodeSignsTheHostWithoutItsPortAndJavaWithIt() {
        for (var capture : List.of(NODE_TC3_POST, NODE_TC3_GET, JAVA_TC3_POST)) {
            RawRequest request = capture.request();
            var auth = Tc3Authorization.parse(request.header("authorization"));
            String timestamp = request.header("x-tc-timestamp");
            Secret key = Secret.of(capture.secretKey());
            byte[] expected = HexFormat.of().parseHex(capture.expectedSignature());
            boolean node = capture.file().startsWith("node-");

            assertEquals("127.0.0.1:18080", request.header("host"));
            byte[] withPort = Tc3Signature.sign(request, auth, timestamp, "127.0.0.1:18080", key);
            byte[] withoutPort = Tc3Signature.sign(request, auth, timestamp, "127.0.0.1", key);
            assertEquals(!node, Arrays.equals(expected, withPort), capture.file());
            assertEquals(node, Arrays.equals(expected, withoutPort), capture.file());
        }
    }

    @Test
    void independentTestSignerReproducesAGoldenSignature() {
        RawRequest request = JAVA_TC3_POST.request();

        RawRequest resigned = TestSigners.signTc3(withHeader(request, "Authorization", null), "content-type;host",
                "2026-11-23", "AKIDEXAMPLE", "SECRETEXAMPLE");

        assertEquals(request.header("authorization"), resigned.header("authorization"));
    }

    @Test
    void anySignedHeadersListIsHonoured() {
        RawRequest signed = TestSigners.signTc3(withHeader(JAVA_TC3_POST.request(), "Authorization", null),
                "content-type;host;x-tc-action;x-tc-region", "2026-11-23", "AKIDEXAMPLE", "SECRETEXAMPLE");

        assertInstanceOf(AuthResult.Authenticated.class, verifier(JAVA_TC3_POST, 0).verify(WireRequest.of(signed)));
        assertRejected(verifier(JAVA_TC3_POST, 0).verify(WireRequest.of(withHeader(signed, "X-TC-Action", "ResetPassword"))),
                TencentRefusals.SIGNATURE_FAILURE);
        assertRejected(verifier(JAVA_TC3_POST, 0).verify(WireRequest.of(withHeader(signed, "X-TC-Region", null))),
                TencentRefusals.INVALID_AUTHORIZATION);
    }

    @Test
    void unsignedPayloadLeavesTheBodyOutOfTheSignature() {
        RawRequest request = withHeader(withHeader(JAVA_TC3_POST.request(), "Authorization", null),
                "X-TC-Content-SHA256", "UNSIGNED-PAYLOAD");
        RawRequest signed = TestSigners.signTc3(request, "content-type;host", "2026-11-23", "AKIDEXAMPLE",
                "SECRETEXAMPLE");

        assertInstanceOf(AuthResult.Authenticated.class, verifier(JAVA_TC3_POST, 0).verify(WireRequest.of(signed)));
        assertInstanceOf(AuthResult.Authenticated.class,
                verifier(JAVA_TC3_POST, 0).verify(WireRequest.of(withBody(signed, "{\"InstanceId\":\"crs-other\"}"))));
        assertRejected(verifier(JAVA_TC3_POST, 0).verify(WireRequest.of(withHeader(signed, "X-TC-Content-SHA256", null))),
                TencentRefusals.SIGNATURE_FAILURE);
    }

    @Test
    void scopeDateOtherThanTheTimestampsUtcDateFails() {
        RawRequest signed = TestSigners.signTc3(withHeader(JAVA_TC3_POST.request(), "Authorization", null),
                "content-type;host", "2026-11-22", "AKIDEXAMPLE", "SECRETEXAMPLE");

        AuthResult result = verifier(JAVA_TC3_POST, 0).verify(WireRequest.of(signed));

        assertRejected(result, TencentRefusals.SIGNATURE_FAILURE);
        assertTrue(((AuthResult.Rejected) result).message().contains("expected 2026-11-23"));
    }

    @Test
    void portIsStrippedOnlyFromTheHostNotFromAnythingElse() {
        assertEquals("127.0.0.1", Tc3Signature.withoutPort("127.0.0.1:18080"));
        assertEquals("[::1]", Tc3Signature.withoutPort("[::1]:18080"));
        assertEquals("[::1]", Tc3Signature.withoutPort("[::1]"));
        assertEquals("example.com", Tc3Signature.withoutPort("example.com"));
    }

    private static TencentSignatureVerifier verifier(GoldenCapture capture, long secondsLater) {
        Clock clock = capture.clockAfter(secondsLater);
        return new TencentSignatureVerifier(capture.keys(), clock);
    }

    private static void assertRejected(AuthResult result, String code) {
        var rejected = assertInstanceOf(AuthResult.Rejected.class, result, () -> result.toString());
        assertEquals(code, rejected.code(), rejected.message());
        assertEquals(200, rejected.status());
        assertFalse(rejected.message().contains("SECRETEXAMPLE"), rejected.message());
    }
}
