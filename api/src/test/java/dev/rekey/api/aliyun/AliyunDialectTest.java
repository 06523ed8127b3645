package dev.rekey.api.aliyun;

import dev.rekey.testkit.MutableClock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rekey.api.HttpAnswer;
import dev.rekey.api.Pipeline;
import dev.rekey.api.RawRequest;
import dev.rekey.api.RecordedAudit;
import dev.rekey.api.RouteTable;
import dev.rekey.api.WireRequest;
import dev.rekey.core.Cloud;
import dev.rekey.core.Credential;
import dev.rekey.core.KeyRing;
import dev.rekey.core.Limits;
import dev.rekey.core.RateLimiter;
import dev.rekey.core.RateWindows;
import dev.rekey.core.Secret;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dialect's own answers, before any instance is looked up: authentication, version, action, shape checks and the
 * request budget, in the status, code and format each SDK expects. The core is not wired: a request that reached it
 * would fail these tests with a 500.
 */
class AliyunDialectTest {
    private static final Instant NOW = Instant.parse("2026-11-23T07:18:15Z");
    private static final Credential TESTID = new Credential(Cloud.ALIYUN, "tenant-a", "testid", Secret.of("testsecret"), null);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static KeyRing keys(Credential... credentials) {
        return (cloud, id) -> List.of(credentials).stream()
                .filter(c -> c.cloud() == cloud && c.keyId().equals(id)).findFirst();
    }

    /** The Aliyun pipeline as the composition root builds it, with a handler whose core parts are absent. */
    private record Served(Pipeline<AliyunRequest> pipeline) {
        HttpAnswer handle(RawRequest request) {
            return pipeline.handle(WireRequest.of(request));
        }
    }

    private static Served served(AliyunSignatureVerifier verifier, RateLimiter rateLimiter, Limits limits, Clock clock) {
        var routes = RouteTable.of(AliyunRedisRoute.class, new AliyunRedisActions(null, null, null, null));
        return new Served(new Pipeline<>(new AliyunDialect(verifier, routes), rateLimiter, limits, new RecordedAudit(), clock));
    }

    private static Served dialect(KeyRing keys, RateWindows windows, Limits limits) {
        var clock = new MutableClock(NOW);
        var verifier = new AliyunSignatureVerifier(keys, new InMemoryNonceRegistry(clock), clock);
        return served(verifier, new RateLimiter(windows, clock), limits, clock);
    }

    private static Served dialect() {
        return dialect(keys(TESTID), (bucket, second, limit) -> true, Limits.defaults());
    }

    private static RawRequest signed(String action, Map<String, String> params) {
        return V1TestSigner.post("testid", "testsecret", NOW, "2015-01-01", action, params);
    }

    private static JsonNode error(HttpAnswer answer, int status, String code) throws Exception {
        assertEquals(status, answer.status(), answer.bodyText());
        assertEquals("application/json;charset=utf-8", answer.contentType());
        JsonNode body = JSON.readTree(answer.bodyText());
        assertEquals(code, body.get("Code").asText(), answer.bodyText());
        assertEquals(answer.headers().get("x-acs-request-id"), body.get("RequestId").asText());
        assertFalse(body.get("Message").asText().isEmpty());
        assertEquals("r-kvstore.aliyuncs.com", body.get("HostId").asText());
        return body;
    }

    @Test
    void aBadSignatureOnAnXmlCallIsAnXmlSignatureDoesNotMatch() {
        RawRequest capture = AliyunCapture.load("java-core-v1-DescribeInstanceAttribute-xml.http");
        var other = new Credential(Cloud.ALIYUN, "tenant-a", "testid", Secret.of("not-the-secret"), null);
        HttpAnswer answer = dialect(keys(other), (b, s, l) -> true, Limits.defaults()).handle(capture);
        assertEquals(400, answer.status());
        assertEquals("text/xml;charset=utf-8", answer.contentType());
        String body = answer.bodyText();
        assertTrue(body.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), body);
        assertTrue(body.contains("<Code>SignatureDoesNotMatch</Code>"), body);
        assertTrue(body.contains("<RequestId>" + answer.headers().get("x-acs-request-id") + "</RequestId>"), body);
        assertFalse(body.contains("not-the-secret"), body);
    }

    @Test
    void anUnknownAccessKeyIsA404InJson() throws Exception {
        RawRequest capture = AliyunCapture.load("java-tea-v3-DescribeInstanceAttribute.http");
        error(dialect(keys(), (b, s, l) -> true, Limits.defaults()).handle(capture), 404, "InvalidAccessKeyId.NotFound");
    }

    @Test
    void aMalformedPercentEncodingIsInvalidParameter() throws Exception {
        RawRequest capture = AliyunCapture.load("java-tea-v3-DescribeInstanceAttribute.http");
        error(dialect().handle(AliyunCapture.withQuery(capture, "InstanceId=r-%zz")), 400, "InvalidParameter");
    }

    @Test
    void anotherApiVersionIsInvalidVersion() throws Exception {
        var request = V1TestSigner.post("testid", "testsecret", NOW, "2014-09-01", "DescribeInstances", Map.of());
        error(dialect().handle(request), 400, "InvalidVersion");
    }

    @Test
    void anActionRekeyDoesNotServeIsInvalidApiNotFound() throws Exception {
        JsonNode body = error(dialect().handle(signed("CreateInstance", Map.of())), 404, "InvalidApi.NotFound");
        assertTrue(body.get("Message").asText().contains("ModifyInstanceAttribute"));
    }

    @Test
    void modifyInstanceAttributeWithNoAttributeIsMissingParameter() throws Exception {
        JsonNode body = error(dialect().handle(signed("ModifyInstanceAttribute", Map.of("InstanceId", "r-bp1abc"))),
                400, "MissingParameter");
        assertTrue(body.get("Message").asText().contains("InstanceReleaseProtection"));
    }

    @Test
    void modifyInstanceAttributeWithoutInstanceIdIsMissingParameter() throws Exception {
        JsonNode body = error(dialect().handle(signed("ModifyInstanceAttribute", Map.of("InstanceName", "demo"))),
                400, "MissingParameter");
        assertTrue(body.get("Message").asText().startsWith("InstanceId"));
    }

    @Test
    void aMalformedNameIsRefusedBeforeTheInstanceIsLookedUp() throws Exception {
        for (String bad : List.of("", "x", "1abc", "a b", "a@b", "a/b", "a:b", "a=b", "a\"b", "a<b", "a>b", "a{b",
                "a[b", "a]b", "a}b", "a" + "b".repeat(128))) {
            var request = signed("ModifyInstanceAttribute", Map.of("InstanceId", "r-bp1abc", "InstanceName", bad));
            error(dialect().handle(request), 400, "InvalidInstanceName.Malformed");
        }
    }

    @Test
    void releaseProtectionMustBeTrueOrFalse() throws Exception {
        var request = signed("ModifyInstanceAttribute", Map.of("InstanceId", "r-bp1abc", "InstanceReleaseProtection", "yes"));
        JsonNode body = error(dialect().handle(request), 400, "InvalidParameter");
        assertTrue(body.get("Message").asText().contains("InstanceReleaseProtection"));
    }

    @Test
    void accountActionsNameTheirFirstMissingParameter() throws Exception {
        var reset = signed("ResetAccountPassword", Map.of("InstanceId", "r-bp1abc", "AccountName", "r-bp1abc"));
        assertTrue(error(dialect().handle(reset), 400, "MissingParameter").get("Message").asText().startsWith("AccountPassword"));
        var modify = signed("ModifyAccountPassword", Map.of("InstanceId", "r-bp1abc", "AccountName", "r-bp1abc",
                "NewAccountPassword", "Abcdef1!"));
        assertTrue(error(dialect().handle(modify), 400, "MissingParameter").get("Message").asText().startsWith("OldAccountPassword"));
    }

    @Test
    void aPageSizeOverFiftyIsInvalidParameter() throws Exception {
        error(dialect().handle(signed("DescribeInstances", Map.of("PageSize", "51"))), 400, "InvalidParameter");
        error(dialect().handle(signed("DescribeInstances", Map.of("PageNumber", "zero"))), 400, "InvalidParameter");
    }

    @Test
    void overTheTenantsBudgetIsThrottlingUser() throws Exception {
        var full = dialect(keys(TESTID), (bucket, second, limit) -> false, Limits.defaults());
        error(full.handle(signed("DescribeInstances", Map.of())), 400, "Throttling.User");
    }

    @Test
    void theBudgetIsPerTenantAcrossActionsAndReadFromTheLimitsSection() {
        var buckets = new ArrayList<String>();
        RateWindows counting = (bucket, second, limit) -> {
            buckets.add(bucket + "@" + limit);
            return false;
        };
        var limits = new Limits(Map.of("aliyun-redis", Map.of("requests-per-second", 7)));
        var dialect = dialect(keys(TESTID), counting, limits);
        dialect.handle(signed("DescribeInstances", Map.of()));
        dialect.handle(signed("ModifyInstanceAttribute", Map.of("InstanceId", "r-bp1abc", "InstanceName", "demo")));
        assertEquals(List.of("aliyun-redis/tenant-a@7", "aliyun-redis/tenant-a@7"), buckets);
    }

    @Test
    void withoutALimitsSectionTheBudgetIsOneHundredPerSecond() {
        var limits = new ArrayList<Integer>();
        var dialect = dialect(keys(TESTID), (bucket, second, limit) -> limits.add(limit), Limits.defaults());
        dialect.handle(signed("DescribeInstances", Map.of("PageSize", "0")));
        assertEquals(List.of(100), limits);
    }

    @Test
    void anUnexpectedFailureIsA500InternalErrorThatQuotesTheRequestId() throws Exception {
        var broken = dialect(keys(TESTID), (bucket, second, limit) -> {
            throw new IllegalStateException("store down");
        }, Limits.defaults());
        HttpAnswer answer = broken.handle(signed("DescribeInstances", Map.of()));
        JsonNode body = error(answer, 500, "InternalError");
        assertTrue(body.get("Message").asText().contains(body.get("RequestId").asText()));
        assertFalse(body.get("Message").asText().contains("store down"));
    }

    @Test
    void aReplayedRequestIsSignatureNonceUsed() throws Exception {
        var dialect = dialect(keys(TESTID), (bucket, second, limit) -> false, Limits.defaults());
        RawRequest once = signed("DescribeInstances", Map.of());
        error(dialect.handle(once), 400, "Throttling.User");
        error(dialect.handle(once), 400, "SignatureNonceUsed");
    }

    @Test
    void everyGoldenCaptureAuthenticatesThroughTheDialect() {
        for (var entry : AliyunCapture.manifest()) {
            var clock = new MutableClock(Instant.parse(entry.timestamp()));
            var verifier = new AliyunSignatureVerifier(keys(TESTID), new InMemoryNonceRegistry(clock), clock);
            var dialect = served(verifier, new RateLimiter((b, s, l) -> false, clock), Limits.defaults(), clock);
            HttpAnswer answer = dialect.handle(AliyunCapture.load(entry.file()));
            assertTrue(answer.bodyText().contains("Throttling.User"), entry.file() + ": " + answer.bodyText());
        }
    }
}
