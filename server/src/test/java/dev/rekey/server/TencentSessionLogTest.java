package dev.rekey.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.cvm.v20170312.CvmClient;
import com.tencentcloudapi.redis.v20180412.RedisClient;
import com.tencentcloudapi.redis.v20180412.models.DescribeInstancesRequest;
import com.tencentcloudapi.redis.v20180412.models.ModifyInstancePasswordRequest;
import com.tencentcloudapi.redis.v20180412.models.ModifyInstancePasswordResponse;
import com.tencentcloudapi.redis.v20180412.models.ResetPasswordRequest;
import dev.rekey.testkit.WireRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A whole Tencent session through the official SDK (change, a wrong old password, reset, describe, a wrong key, a CVM
 * reset), with every log line captured and every byte the SDK sent recorded: no line holds a password, a key, a
 * signature or a request body, and each request has exactly one access line with its facts.
 */
class TencentSessionLogTest {
    static final String ID = "AKIDLOGSESSION0000000000000000000000";
    static final String KEY = "LogSessionSecretKey7f3a9c";
    static final String WRONG_KEY = "WrongSessionSecretKey55e1";
    static final String INITIAL = "Initial#Pass1";
    static final String CHANGED = "Changed#Pass2x";
    static final String WRONG_OLD = "Wrong#OldPass3";
    static final String RESET = "Reset#Pass4yz";
    static final String CVM_INITIAL = "Cvm#Initial5";
    static final String CVM_RESET = "Cvm#Reset6abc";
    static final String YAML = """
            server: { port: 0 }
            tenants:
              - name: acme
                tencent: { secret-id: %s, secret-key: %s }
            instances:
              - { id: crs-log00001, tenant: acme, product: tencent-redis, region: ap-guangzhou, engine: { kind: redis, spawn: true, password: "%s" } }
              - { id: ins-log00001, tenant: acme, product: tencent-cvm, os: linux, engine: { kind: guest, spawn: true, users: [root], password: "%s" } }
            """.formatted(ID, KEY, INITIAL, CVM_INITIAL);

    @TempDir
    static Path dir;
    static LogCapture logs;
    static WireRecorder wire;
    static String changeRequestId;

    @BeforeAll
    static void session() throws Exception {
        logs = LogCapture.start();
        try (TestRekey rekey = TestRekey.start(dir, YAML)) {
            wire = WireRecorder.start(rekey.port());
            RedisClient tc3 = redis(KEY, "TC3-HMAC-SHA256", "POST");
            ModifyInstancePasswordResponse change = tc3.ModifyInstancePassword(modify(INITIAL, CHANGED));
            changeRequestId = change.getRequestId();
            assertEquals("succeed", TencentRedisSdkTest.awaitTask(tc3, change.getTaskId()).getStatus());
            assertEquals("InvalidParameterValue.PasswordError", CvmSdk.code(() -> tc3.ModifyInstancePassword(modify(WRONG_OLD, "Never#Set77"))));

            RedisClient queryGet = redis(KEY, "HmacSHA256", "GET"); // the new password travels in the query string
            var reset = new ResetPasswordRequest();
            reset.setInstanceId("crs-log00001");
            reset.setPassword(RESET);
            assertEquals("succeed", TencentRedisSdkTest.awaitTask(queryGet, queryGet.ResetPassword(reset).getTaskId()).getStatus());

            var describe = new DescribeInstancesRequest();
            describe.setInstanceId("crs-log00001");
            assertEquals(1, redis(KEY, "HmacSHA1", "POST").DescribeInstances(describe).getInstanceSet().length);
            assertEquals("AuthFailure.SignatureFailure", CvmSdk.code(() -> redis(WRONG_KEY, "TC3-HMAC-SHA256", "POST").DescribeInstances(describe)));

            var cvm = new CvmClient(new Credential(ID, KEY), "ap-guangzhou", TencentClients.profile(wire.endpoint(), "TC3-HMAC-SHA256", "POST"));
            String cvmReset = cvm.ResetInstancesPassword(CvmSdk.reset(CVM_RESET, true, "ins-log00001")).getRequestId();
            assertEquals("SUCCESS", CvmSdk.awaitOutcome(cvm, cvmReset, "ins-log00001").getFirst().getLatestOperationState());
        } finally {
            logs.close();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (wire != null) wire.close();
    }

    private static RedisClient redis(String key, String signMethod, String httpMethod) {
        return new RedisClient(new Credential(ID, key), "ap-guangzhou", TencentClients.profile(wire.endpoint(), signMethod, httpMethod));
    }

    private static ModifyInstancePasswordRequest modify(String old, String next) {
        var req = new ModifyInstancePasswordRequest();
        req.setInstanceId("crs-log00001");
        req.setOldPassword(old);
        req.setPassword(next);
        return req;
    }

    @Test
    void noLineHoldsAPasswordAKeyASignatureOrARequestBody() {
        var secrets = new ArrayList<>(List.of(KEY, WRONG_KEY, INITIAL, CHANGED, WRONG_OLD, RESET, CVM_INITIAL, CVM_RESET));
        secrets.addAll(wire.signatures());
        for (WireRecorder.Request r : wire.requests()) {
            assertTrue(r.head().contains("Signature=") || r.bodyText().contains("Signature="), "a signed request: " + r.head());
            if (r.body().length > 0) secrets.add(r.bodyText());
            String target = r.head().lines().findFirst().orElseThrow().split(" ")[1];
            String query = URI.create(target).getRawQuery();
            if (query != null) secrets.add(query);
        }
        assertTrue(wire.requests().stream().anyMatch(r -> r.bodyText().contains(CHANGED)), "the recorder read the bodies");
        assertFalse(logs.textLines().isEmpty());
        logs.assertNoLineHolds(secrets);
    }

    @Test
    void everyRequestHasExactlyOneAccessLine() {
        assertEquals(wire.requests().size(), logs.accessEvents().size());
        assertEquals(wire.requests().size(), logs.textLines().stream().filter(l -> l.contains(" access: ")).count());
    }

    @Test
    void anAccessLineNamesRequestCloudActionTenantInstanceStatusAndLatency() {
        JsonNode change = only(logs.accessEvents().stream().filter(e -> e.path("request_id").asText().equals(changeRequestId)).toList());
        assertEquals("tencent", change.get("cloud").asText());
        assertEquals("ModifyInstancePassword", change.get("action").asText());
        assertEquals("acme", change.get("tenant").asText());
        assertEquals("crs-log00001", change.get("instance").asText());
        assertEquals(200, change.get("status").asInt());
        assertFalse(change.has("error_code"), "a success has no error code");
        assertTrue(change.get("latency_ms").isIntegralNumber());
        assertTrue(logs.textLines().stream().anyMatch(l -> l.contains(" access: request_id=" + changeRequestId
                + " cloud=tencent action=ModifyInstancePassword tenant=acme instance=crs-log00001 status=200 latency_ms=")));

        assertEquals("InvalidParameterValue.PasswordError", only(errors("InvalidParameterValue.PasswordError")).get("error_code").asText());
        JsonNode unsigned = only(errors("AuthFailure.SignatureFailure"));
        assertFalse(unsigned.has("tenant"), "a request whose signature fails names no tenant");
        JsonNode cvm = only(logs.accessEvents().stream().filter(e -> e.path("action").asText().equals("ResetInstancesPassword")).toList());
        assertEquals("ins-log00001", cvm.get("instance").asText());
    }

    @Test
    void everyJsonLineIsOneObjectWithTimeLevelLoggerAndMessage() {
        List<JsonNode> events = logs.jsonEvents();
        assertEquals(logs.jsonLines().size(), events.size());
        assertTrue(events.size() > wire.requests().size(), "access lines and Rekey's own lines");
        for (JsonNode e : events) {
            for (String field : List.of("@timestamp", "level", "logger_name", "message")) assertTrue(e.has(field), field + " in " + e);
        }
    }

    private static List<JsonNode> errors(String code) {
        return logs.accessEvents().stream().filter(e -> e.path("error_code").asText().equals(code)).toList();
    }

    private static JsonNode only(List<JsonNode> events) {
        assertEquals(1, events.size(), events.toString());
        return events.getFirst();
    }
}
