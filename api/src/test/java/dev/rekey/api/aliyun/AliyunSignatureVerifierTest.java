package dev.rekey.api.aliyun;

import dev.rekey.testkit.MutableClock;

import dev.rekey.api.AuthResult;
import dev.rekey.api.WireRequest;
import dev.rekey.api.RawRequest;
import dev.rekey.core.Cloud;
import dev.rekey.core.Credential;
import dev.rekey.core.KeyRing;
import dev.rekey.core.Secret;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AliyunSignatureVerifierTest {
    private static final String V1 = "java-core-v1-ModifyInstanceAttribute.http";
    private static final String V1_FORM = "node-popcore-v1-ModifyInstanceAttribute-post.http";
    private static final String V3 = "java-tea-v3-ModifyInstanceAttribute.http";
    private static final Instant V1_TIME = Instant.parse("2026-11-23T07:18:15Z");
    private static final Instant V1_FORM_TIME = Instant.parse("2026-11-23T07:19:47Z");
    private static final Instant V3_TIME = Instant.parse("2026-11-23T07:18:13Z");
    private static final Credential TESTID =
            new Credential(Cloud.ALIYUN, "tenant-a", "testid", Secret.of("testsecret"), null);

    private static KeyRing keys(Credential... credentials) {
        return (cloud, id) -> {
            for (Credential c : credentials) {
                if (c.cloud() == cloud && c.keyId().equals(id)) return Optional.of(c);
            }
            return Optional.empty();
        };
    }

    private static AliyunSignatureVerifier verifierAt(Instant now, KeyRing keys) {
        var clock = new MutableClock(now);
        return new AliyunSignatureVerifier(keys, new InMemoryNonceRegistry(clock), clock);
    }

    private static AuthResult.Rejected rejected(AuthResult result, String code, int status) {
        var rejected = assertInstanceOf(AuthResult.Rejected.class, result, () -> result.toString());
        assertEquals(code, rejected.code(), rejected.message());
        assertEquals(status, rejected.status());
        return rejected;
    }

    @Test
    void replayedV1NonceIsRefused() {
        var verifier = verifierAt(V1_TIME, keys(TESTID));
        RawRequest request = AliyunCapture.load(V1);

        assertInstanceOf(AuthResult.Authenticated.class, verifier.verify(WireRequest.of(request)));
        var replay = rejected(verifier.verify(WireRequest.of(request)), "SignatureNonceUsed", 400);
        assertEquals("Specified signature nonce was used already.", replay.message());
    }

    @Test
    void replayedV3NonceIsRefusedEvenMinutesLater() {
        var clock = new MutableClock(V3_TIME);
        var verifier = new AliyunSignatureVerifier(keys(TESTID), new InMemoryNonceRegistry(clock), clock);
        RawRequest request = AliyunCapture.load(V3);

        assertInstanceOf(AuthResult.Authenticated.class, verifier.verify(WireRequest.of(request)));
        clock.advance(Duration.ofMinutes(14));
        rejected(verifier.verify(WireRequest.of(request)), "SignatureNonceUsed", 400);
    }

    @Test
    void failedSignatureDoesNotUseUpTheNonce() {
        var verifier = verifierAt(V1_TIME, keys(TESTID));
        RawRequest original = AliyunCapture.load(V1);
        RawRequest forged = AliyunCapture.withQuery(original, original.rawQuery().replace("r-bp1abc", "r-other"));

        rejected(verifier.verify(WireRequest.of(forged)), "SignatureDoesNotMatch", 400);
        assertInstanceOf(AuthResult.Authenticated.class, verifier.verify(WireRequest.of(original)));
    }

    @Test
    void tamperedV1QueryParameterDoesNotMatch() {
        RawRequest original = AliyunCapture.load(V1);
        RawRequest tampered = AliyunCapture.withQuery(original,
                original.rawQuery().replace("InstanceId=r-bp1abc", "InstanceId=r-bp9xyz"));

        rejected(verifierAt(V1_TIME, keys(TESTID)).verify(WireRequest.of(tampered)), "SignatureDoesNotMatch", 400);
    }

    @Test
    void tamperedV1FormBodyDoesNotMatch() {
        RawRequest original = AliyunCapture.load(V1_FORM);
        RawRequest tampered = AliyunCapture.withBody(original,
                original.bodyText().replace("InstanceName=demo-~name_1", "InstanceName=demo-~name_2"));

        rejected(verifierAt(V1_FORM_TIME, keys(TESTID)).verify(WireRequest.of(tampered)), "SignatureDoesNotMatch", 400);
    }

    @Test
    void addedV1ParameterDoesNotMatch() {
        RawRequest original = AliyunCapture.load(V1);
        RawRequest tampered = AliyunCapture.withQuery(original, original.rawQuery() + "&NewPassword=Other%231234");

        rejected(verifierAt(V1_TIME, keys(TESTID)).verify(WireRequest.of(tampered)), "SignatureDoesNotMatch", 400);
    }

    @Test
    void tamperedV3QueryParameterDoesNotMatch() {
        RawRequest original = AliyunCapture.load(V3);
        RawRequest tampered = AliyunCapture.withQuery(original,
                original.rawQuery().replace("InstanceReleaseProtection=true", "InstanceReleaseProtection=false"));

        rejected(verifierAt(V3_TIME, keys(TESTID)).verify(WireRequest.of(tampered)), "SignatureDoesNotMatch", 400);
    }

    @Test
    void tamperedV3SignedHeaderDoesNotMatch() {
        RawRequest tampered = AliyunCapture.withHeader(AliyunCapture.load(V3), "x-acs-action", "ResetAccountPassword");

        rejected(verifierAt(V3_TIME, keys(TESTID)).verify(WireRequest.of(tampered)), "SignatureDoesNotMatch", 400);
    }

    @Test
    void v3BodyThatIsNotTheSignedHashDoesNotMatch() {
        RawRequest tampered = AliyunCapture.withBody(AliyunCapture.load(V3), "InstanceId=r-other");

        var rejected = rejected(verifierAt(V3_TIME, keys(TESTID)).verify(WireRequest.of(tampered)), "SignatureDoesNotMatch", 400);
        assertTrue(rejected.message().contains("x-acs-content-sha256"), rejected.message());
    }

    @Test
    void wrongSecretIsRefusedWithoutRevealingSecretOrSignature() {
        var wrong = new Credential(Cloud.ALIYUN, "tenant-a", "testid", Secret.of("not-the-secret"), null);

        var v1 = rejected(verifierAt(V1_TIME, keys(wrong)).verify(WireRequest.of(AliyunCapture.load(V1))),
                "SignatureDoesNotMatch", 400);
        var v3 = rejected(verifierAt(V3_TIME, keys(wrong)).verify(WireRequest.of(AliyunCapture.load(V3))),
                "SignatureDoesNotMatch", 400);

        for (var rejected : new AuthResult.Rejected[] {v1, v3}) {
            assertTrue(rejected.message().startsWith("Specified signature is not matched with our calculation."));
            assertFalse(rejected.message().contains("not-the-secret"), rejected.message());
            assertFalse(rejected.message().contains("testsecret"), rejected.message());
            assertFalse(rejected.message().contains("Ab1"), "no password echoed: " + rejected.message());
        }
        assertFalse(v1.message().contains("F3kskhbntxHjXvvFpvuNrrUnPi0"), v1.message());
        assertFalse(v3.message().contains("dd31020e56f598026c16abb76e0ec8402f8dd6d8"), v3.message());
    }

    @Test
    void unknownAccessKeyIsNotFound() {
        var v1 = rejected(verifierAt(V1_TIME, keys()).verify(WireRequest.of(AliyunCapture.load(V1))),
                "InvalidAccessKeyId.NotFound", 404);
        rejected(verifierAt(V3_TIME, keys()).verify(WireRequest.of(AliyunCapture.load(V3))), "InvalidAccessKeyId.NotFound", 404);
        assertTrue(v1.message().startsWith("Specified access key is not found."), v1.message());
        assertTrue(v1.message().contains("testid"), v1.message());
    }

    @Test
    void keyOfAnotherCloudIsNotFound() {
        var tencent = new Credential(Cloud.TENCENT, "tenant-a", "testid", Secret.of("testsecret"), null);

        rejected(verifierAt(V1_TIME, keys(tencent)).verify(WireRequest.of(AliyunCapture.load(V1))), "InvalidAccessKeyId.NotFound", 404);
    }

    @Test
    void timestampSixteenMinutesOffIsExpiredEitherWay() {
        for (Duration offset : new Duration[] {Duration.ofMinutes(16), Duration.ofMinutes(-16)}) {
            var v1 = rejected(verifierAt(V1_TIME.plus(offset), keys(TESTID)).verify(WireRequest.of(AliyunCapture.load(V1))),
                    "InvalidTimeStamp.Expired", 400);
            var v3 = rejected(verifierAt(V3_TIME.plus(offset), keys(TESTID)).verify(WireRequest.of(AliyunCapture.load(V3))),
                    "InvalidTimeStamp.Expired", 400);
            assertTrue(v1.message().contains("Timestamp 2026-11-23T07:18:15Z"), v1.message());
            assertTrue(v3.message().contains("x-acs-date 2026-11-23T07:18:13Z"), v3.message());
        }
    }

    @Test
    void timestampFifteenMinutesOffIsStillAccepted() {
        for (Duration offset : new Duration[] {Duration.ofMinutes(15), Duration.ofMinutes(-15)}) {
            assertInstanceOf(AuthResult.Authenticated.class,
                    verifierAt(V3_TIME.plus(offset), keys(TESTID)).verify(WireRequest.of(AliyunCapture.load(V3))));
        }
    }

    @Test
    void unparseableTimestampIsBadlyFormatted() {
        RawRequest original = AliyunCapture.load(V1);
        RawRequest v1 = AliyunCapture.withQuery(original,
                original.rawQuery().replace("Timestamp=2026-11-23T07%3A18%3A15Z", "Timestamp=yesterday"));
        RawRequest v3 = AliyunCapture.withHeader(AliyunCapture.load(V3), "x-acs-date", "23/11/2026 07:18");

        var rejected = rejected(verifierAt(V1_TIME, keys(TESTID)).verify(WireRequest.of(v1)), "InvalidTimeStamp.Format", 400);
        assertTrue(rejected.message().contains("Timestamp is 'yesterday'"), rejected.message());
        rejected(verifierAt(V3_TIME, keys(TESTID)).verify(WireRequest.of(v3)), "InvalidTimeStamp.Format", 400);
    }

    @Test
    void missingV1PieceIsNamed() {
        RawRequest original = AliyunCapture.load(V1);
        RawRequest noNonce = AliyunCapture.withQuery(original,
                original.rawQuery().replace("&SignatureNonce=ca07f165aecbf13be22c475f105da426", ""));

        var rejected = rejected(verifierAt(V1_TIME, keys(TESTID)).verify(WireRequest.of(noNonce)), "MissingParameter", 400);
        assertEquals("SignatureNonce is mandatory for this action.", rejected.message());
    }

    @Test
    void v1ActionOnlyInAnUnsignedHeaderIsMissing() {
        RawRequest original = AliyunCapture.load(V1);
        RawRequest headerOnly = AliyunCapture.withQuery(original,
                original.rawQuery().replace("&Action=ModifyInstanceAttribute", ""));

        var rejected = rejected(verifierAt(V1_TIME, keys(TESTID)).verify(WireRequest.of(headerOnly)), "MissingParameter", 400);
        assertEquals("Action is mandatory for this action.", rejected.message());
    }

    @Test
    void unsignedRequestNamesTheFirstMissingParameter() {
        RawRequest bare = RawRequest.of("POST", "/", "Action=DescribeInstances&Version=2015-01-01",
                java.util.Map.of("host", "127.0.0.1:1"), "");

        var rejected = rejected(verifierAt(V1_TIME, keys(TESTID)).verify(WireRequest.of(bare)), "MissingParameter", 400);
        assertEquals("AccessKeyId is mandatory for this action.", rejected.message());
    }

    @Test
    void v1WithAnotherSignatureMethodIsIncomplete() {
        RawRequest original = AliyunCapture.load(V1);
        RawRequest sha256 = AliyunCapture.withQuery(original,
                original.rawQuery().replace("SignatureMethod=HMAC-SHA1", "SignatureMethod=HMAC-SHA256"));

        var rejected = rejected(verifierAt(V1_TIME, keys(TESTID)).verify(WireRequest.of(sha256)), "IncompleteSignature", 400);
        assertTrue(rejected.message().contains("SignatureMethod"), rejected.message());
    }

    @Test
    void v3WithoutNonceHeaderIsMissing() {
        RawRequest noNonce = AliyunCapture.withHeader(AliyunCapture.load(V3), "x-acs-signature-nonce", null);

        var rejected = rejected(verifierAt(V3_TIME, keys(TESTID)).verify(WireRequest.of(noNonce)), "MissingParameter", 400);
        assertEquals("x-acs-signature-nonce is mandatory for this action.", rejected.message());
    }

    @Test
    void v3AuthorizationWithoutSignedHeadersIsIncomplete() {
        RawRequest request = AliyunCapture.withHeader(AliyunCapture.load(V3), "authorization",
                "ACS3-HMAC-SHA256 Credential=testid,Signature=dd31020e56f598026c16abb76e0ec840");

        var rejected = rejected(verifierAt(V3_TIME, keys(TESTID)).verify(WireRequest.of(request)), "IncompleteSignature", 400);
        assertTrue(rejected.message().contains("SignedHeaders"), rejected.message());
    }

    @Test
    void v3WithAnotherAlgorithmIsIncomplete() {
        RawRequest original = AliyunCapture.load(V3);
        RawRequest sm3 = AliyunCapture.withHeader(original, "authorization",
                original.header("authorization").replace("ACS3-HMAC-SHA256", "ACS3-HMAC-SM3"));

        var rejected = rejected(verifierAt(V3_TIME, keys(TESTID)).verify(WireRequest.of(sm3)), "IncompleteSignature", 400);
        assertTrue(rejected.message().contains("ACS3-HMAC-SM3"), rejected.message());
    }

    @Test
    void v3WithAnUnsignedAcsHeaderIsIncomplete() {
        RawRequest extra = AliyunCapture.withHeader(AliyunCapture.load(V3), "x-acs-security-token", "sts-token");

        var rejected = rejected(verifierAt(V3_TIME, keys(TESTID)).verify(WireRequest.of(extra)), "IncompleteSignature", 400);
        assertTrue(rejected.message().contains("x-acs-security-token"), rejected.message());
    }

    @Test
    void v3SignedHeaderThatIsAbsentIsIncomplete() {
        RawRequest noHost = AliyunCapture.withHeader(AliyunCapture.load(V3), "host", null);

        var rejected = rejected(verifierAt(V3_TIME, keys(TESTID)).verify(WireRequest.of(noHost)), "IncompleteSignature", 400);
        assertTrue(rejected.message().contains("'host'"), rejected.message());
    }

    @Test
    void foreignAuthorizationHeaderIsIncomplete() {
        RawRequest request = RawRequest.of("POST", "/", "Action=DescribeInstances",
                java.util.Map.of("authorization", "TC3-HMAC-SHA256 Credential=x"), "");

        rejected(verifierAt(V3_TIME, keys(TESTID)).verify(WireRequest.of(request)), "IncompleteSignature", 400);
    }
}
