package dev.rekey.server;

import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.redis.v20180412.RedisClient;
import com.tencentcloudapi.redis.v20180412.models.DescribeInstancesRequest;
import com.tencentcloudapi.redis.v20180412.models.DescribeTaskInfoRequest;
import com.tencentcloudapi.redis.v20180412.models.DescribeTaskInfoResponse;
import com.tencentcloudapi.redis.v20180412.models.InstanceSet;
import com.tencentcloudapi.redis.v20180412.models.ModfiyInstancePasswordRequest;
import com.tencentcloudapi.redis.v20180412.models.ModifyInstancePasswordRequest;
import com.tencentcloudapi.redis.v20180412.models.ResetPasswordRequest;
import dev.rekey.testkit.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The official Tencent Cloud Java SDK against a running Rekey whose instances are real, spawned redis-servers.
 * Each test leaves the instance with a password it records, so the class runs in order on one Rekey.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TencentRedisSdkTest {
    static final String ID = "AKIDEXAMPLE";
    static final String KEY = "SECRETEXAMPLE";
    static final String REGION = "ap-guangzhou";
    static final String YAML = """
            server: { port: 0 }
            tenants:
              - name: acme
                tencent: { secret-id: AKIDEXAMPLE, secret-key: SECRETEXAMPLE }
              - name: other
                tencent: { secret-id: AKIDOTHER, secret-key: OTHERSECRET }
            instances:
              - id: crs-a1b2c3d4
                tenant: acme
                product: tencent-redis
                region: ap-guangzhou
                name: orders-cache
                engine: { kind: redis, spawn: true, password: "Initial#Pass1" }
              - id: crs-other001
                tenant: other
                product: tencent-redis
                region: ap-guangzhou
                engine: { kind: redis, spawn: true, password: "Other#Pass1" }
              - id: crs-frozen01
                tenant: acme
                product: tencent-redis
                region: ap-beijing
                engine: { kind: redis, spawn: true, password: "Frozen#Pass1" }
              - id: crs-shanghai1
                tenant: acme
                product: tencent-redis
                region: ap-shanghai
                engine: { kind: redis, spawn: true, password: "Shanghai#Pass1" }
            limits:
              tencent-redis: { ModifyInstancePassword: 1000, ResetPassword: 1000 }   # TencentRateLimitTest checks the documented 20/s
            """;

    @TempDir
    static Path dir;
    static TestRekey rekey;
    /** Real time, moved on where a test must leave a rate window behind. */
    static final MovableClock CLOCK = new MovableClock();
    static String current = "Initial#Pass1";

    @BeforeAll
    static void start() throws Exception {
        rekey = TestRekey.start(dir, YAML, CLOCK);
    }

    @AfterAll
    static void stop() {
        if (rekey != null) rekey.close();
    }

    static RedisClient client() {
        return TencentClients.redis(rekey, ID, KEY, REGION, "TC3-HMAC-SHA256", "POST");
    }

    static InstanceSet instance(String id) throws TencentCloudSDKException {
        var req = new DescribeInstancesRequest();
        req.setInstanceId(id);
        InstanceSet[] set = client().DescribeInstances(req).getInstanceSet();
        assertEquals(1, set.length);
        return set[0];
    }

    static DescribeTaskInfoResponse awaitTask(RedisClient client, long taskId) throws Exception {
        var req = new DescribeTaskInfoRequest();
        req.setTaskId(taskId);
        return Await.value("task " + taskId + " finishes", Duration.ofSeconds(10), () -> {
            DescribeTaskInfoResponse r = client.DescribeTaskInfo(req);
            boolean ended = r.getStatus().equals("succeed") || r.getStatus().equals("failed");
            return ended ? Optional.of(r) : Optional.empty();
        });
    }

    /** Changes the password with ModifyInstancePassword and checks the engine from outside with redis-cli. */
    static void changeAndVerify(RedisClient client, String next) throws Exception {
        var req = new ModifyInstancePasswordRequest();
        req.setInstanceId("crs-a1b2c3d4");
        req.setOldPassword(current);
        req.setPassword(next);
        long taskId = client.ModifyInstancePassword(req).getTaskId();
        var task = awaitTask(client, taskId);
        assertEquals("succeed", task.getStatus(), task.getTaskMessage());
        InstanceSet i = instance("crs-a1b2c3d4");
        assertTrue(RedisCli.accepts(i.getWanIp(), i.getPort().intValue(), next), "new password must work");
        assertFalse(RedisCli.accepts(i.getWanIp(), i.getPort().intValue(), current), "old password must be refused");
        current = next;
    }

    static String errorOf(Callable<?> call) {
        var e = assertThrows(TencentCloudSDKException.class, call::call);
        assertFalse(e.getRequestId() == null || e.getRequestId().isEmpty(), "every error carries a RequestId");
        return e.getErrorCode();
    }

    @Test
    @Order(1)
    void describeInstancesReportsTheRealEngineAddressAndRunningStatus() throws Exception {
        InstanceSet i = instance("crs-a1b2c3d4");
        assertEquals("orders-cache", i.getInstanceName());
        assertEquals(2L, i.getStatus());
        assertEquals("127.0.0.1", i.getWanIp());
        assertTrue(RedisCli.accepts(i.getWanIp(), i.getPort().intValue(), "Initial#Pass1"));
        var all = client().DescribeInstances(new DescribeInstancesRequest());
        assertEquals(1L, all.getTotalCount(), "only this tenant's instances in this region");
    }

    @Test
    @Order(2)
    void modifyInstancePasswordOverTc3ChangesTheRealRedisPassword() throws Exception {
        changeAndVerify(client(), "Second#Pass2");
    }

    @Test
    @Order(3)
    void misspelledLegacyActionOverHmacSha1GetChangesThePassword() throws Exception {
        RedisClient legacy = TencentClients.redis(rekey, ID, KEY, REGION, "HmacSHA1", "GET");
        var req = new ModfiyInstancePasswordRequest();
        req.setInstanceId("crs-a1b2c3d4");
        req.setOldPassword(current);
        req.setPassword("Third#Pass3");
        var task = awaitTask(legacy, legacy.ModfiyInstancePassword(req).getTaskId());
        assertEquals("succeed", task.getStatus());
        assertEquals("crs-a1b2c3d4", task.getInstanceId());
        current = "Third#Pass3";
    }

    @Test
    @Order(4)
    void hmacSha256FormPostAndTc3GetBothWork() throws Exception {
        changeAndVerify(TencentClients.redis(rekey, ID, KEY, REGION, "HmacSHA256", "POST"), "Fourth#Pass4");
        changeAndVerify(TencentClients.redis(rekey, ID, KEY, REGION, "TC3-HMAC-SHA256", "GET"), "Fifth#Pass5");
    }

    @Test
    @Order(5)
    void wrongOldPasswordIsRefusedAndNothingChanges() throws Exception {
        var req = new ModifyInstancePasswordRequest();
        req.setInstanceId("crs-a1b2c3d4");
        req.setOldPassword("Not#ThePassword1");
        req.setPassword("Whatever#Pass6");
        assertEquals("InvalidParameterValue.PasswordError", errorOf(() -> client().ModifyInstancePassword(req)));
        InstanceSet i = instance("crs-a1b2c3d4");
        assertTrue(RedisCli.accepts(i.getWanIp(), i.getPort().intValue(), current));
    }

    @ParameterizedTest
    @Order(6)
    @ValueSource(strings = {"Ab1#", "/Starts#WithSlash1", "alllowercaseonly", "ALLUPPER", "12345678",
            "Has space#1", "Back\\slash1a", "Quote'Mark1a", "Tilde`Grave1a",
            "A1#aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void everyRuleViolationIsAPasswordRuleError(String bad) throws Exception {
        var req = new ModifyInstancePasswordRequest();
        req.setInstanceId("crs-a1b2c3d4");
        req.setOldPassword(current);
        req.setPassword(bad);
        assertEquals("InvalidParameterValue.PasswordRuleError", errorOf(() -> client().ModifyInstancePassword(req)));
    }

    @Test
    @Order(7)
    void sixtyFourCharactersAndTwoClassesAreAccepted() throws Exception {
        changeAndVerify(client(), "a".repeat(62) + "1#");
    }

    @Test
    @Order(8)
    void unknownInstanceAnotherTenantsAndAnotherRegionsAllLookAbsent() {
        for (String id : List.of("crs-nosuch00", "crs-other001", "crs-shanghai1")) {
            var req = new ModifyInstancePasswordRequest();
            req.setInstanceId(id);
            req.setOldPassword("Other#Pass1");
            req.setPassword("Stolen#Pass1");
            assertEquals("ResourceNotFound.InstanceNotExists", errorOf(() -> client().ModifyInstancePassword(req)), id);
        }
    }

    @Test
    @Order(9)
    void emptyAndMissingParametersAreShapeErrors() {
        var empty = new ModifyInstancePasswordRequest();
        empty.setInstanceId("crs-a1b2c3d4");
        empty.setOldPassword("");
        empty.setPassword("Valid#Pass123");
        assertEquals("InvalidParameter.EmptyParam", errorOf(() -> client().ModifyInstancePassword(empty)));
        var missing = new ModifyInstancePasswordRequest();
        missing.setInstanceId("crs-a1b2c3d4");
        missing.setPassword("Valid#Pass123");
        assertEquals("MissingParameter", errorOf(() -> client().ModifyInstancePassword(missing)));
    }

    @Test
    @Order(10)
    void badSignatureAndUnknownSecretIdAreAuthFailures() {
        var req = new DescribeInstancesRequest();
        assertEquals("AuthFailure.SignatureFailure",
                errorOf(() -> TencentClients.redis(rekey, ID, "WRONGSECRET", REGION, "TC3-HMAC-SHA256", "POST").DescribeInstances(req)));
        assertEquals("AuthFailure.SignatureFailure",
                errorOf(() -> TencentClients.redis(rekey, ID, "WRONGSECRET", REGION, "HmacSHA256", "GET").DescribeInstances(req)));
        assertEquals("AuthFailure.SecretIdNotFound",
                errorOf(() -> TencentClients.redis(rekey, "AKIDNOBODY", KEY, REGION, "TC3-HMAC-SHA256", "POST").DescribeInstances(req)));
    }

    @Test
    @Order(10)
    void aTimestampMoreThanFiveMinutesOldIsExpiredAndOneWithinIsServed() throws Exception {
        String body = "{\"InstanceId\":\"crs-a1b2c3d4\"}";
        String old = RawTc3Request.post(rekey.port(), ID, KEY, "DescribeInstances", body, java.time.Instant.now().minusSeconds(400));
        assertTrue(old.contains("\"Code\":\"AuthFailure.SignatureExpire\""), old);
        assertTrue(old.contains("\"RequestId\""), old);
        String fresh = RawTc3Request.post(rekey.port(), ID, KEY, "DescribeInstances", body, java.time.Instant.now().minusSeconds(200));
        assertTrue(fresh.contains("\"TotalCount\":1"), fresh);
    }

    @Test
    @Order(10)
    void oversizedRequestsGetRequestSizeLimitExceededInTheEnvelope() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var big = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://" + rekey.endpoint() + "/"))
                .header("Content-Type", "application/json; charset=utf-8").header("X-TC-Action", "DescribeInstances")
                .header("Authorization", "TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2026-11-23/127/tc3_request, SignedHeaders=content-type;host, Signature=00")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(new byte[11 * 1024 * 1024])).build();
        var answer = http.send(big, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), "Tencent answers every error with HTTP 200");
        assertTrue(answer.body().contains("\"Code\":\"RequestSizeLimitExceeded\""), answer.body());
        var longGet = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://" + rekey.endpoint() + "/?Action=DescribeInstances&SecretId=AKIDEXAMPLE&Pad=" + "x".repeat(40_000))).GET().build();
        assertTrue(http.send(longGet, java.net.http.HttpResponse.BodyHandlers.ofString()).body().contains("RequestSizeLimitExceeded"));
    }

    @Test
    @Order(11)
    void encryptPasswordTrueIsRefusedClearly() {
        var req = new ModfiyInstancePasswordRequest();
        req.setInstanceId("crs-a1b2c3d4");
        req.setOldPassword(current);
        req.setPassword("Encrypted#Pass1");
        req.setEncryptPassword(true);
        assertEquals("InvalidParameterValue", errorOf(() -> client().ModfiyInstancePassword(req)));
    }

    @Test
    @Order(12)
    void resetPasswordToNoAuthAndBack() throws Exception {
        var free = new ResetPasswordRequest();
        free.setInstanceId("crs-a1b2c3d4");
        free.setNoAuth(true);
        assertEquals("succeed", awaitTask(client(), client().ResetPassword(free).getTaskId()).getStatus());
        InstanceSet i = instance("crs-a1b2c3d4");
        assertTrue(i.getNoAuth());
        assertTrue(RedisCli.accepts(i.getWanIp(), i.getPort().intValue(), null), "no password needed");

        var reset = new ResetPasswordRequest();
        reset.setInstanceId("crs-a1b2c3d4");
        reset.setPassword("Reset#Pass7");
        assertEquals("succeed", awaitTask(client(), client().ResetPassword(reset).getTaskId()).getStatus());
        i = instance("crs-a1b2c3d4");
        assertFalse(i.getNoAuth());
        assertTrue(RedisCli.accepts(i.getWanIp(), i.getPort().intValue(), "Reset#Pass7"));
        assertFalse(RedisCli.accepts(i.getWanIp(), i.getPort().intValue(), null), "password required again");
        current = "Reset#Pass7";
    }

    @Test
    @Order(13)
    void resetPasswordFollowsItsOwnThirtyTwoCharacterRule() {
        var reset = new ResetPasswordRequest();
        reset.setInstanceId("crs-a1b2c3d4");
        reset.setPassword("a".repeat(31) + "1#");
        assertEquals("InvalidParameterValue.PasswordRuleError", errorOf(() -> client().ResetPassword(reset)));
    }

    @Test
    @Order(14)
    void concurrentChangesAreSerialisedAndTheOthersAreToldTheInstanceIsLocked() throws Exception {
        var results = new ArrayList<Future<Object>>();
        var passwords = new java.util.concurrent.ConcurrentHashMap<Long, String>();
        try (var pool = Executors.newFixedThreadPool(12)) {
            for (int n = 0; n < 12; n++) {
                String pw = "Concurrent#" + n + "x";
                results.add(pool.submit(() -> {
                    var req = new ResetPasswordRequest();
                    req.setInstanceId("crs-a1b2c3d4");
                    req.setPassword(pw);
                    try {
                        long id = client().ResetPassword(req).getTaskId();
                        passwords.put(id, pw);
                        return id;
                    } catch (TencentCloudSDKException e) {
                        return e.getErrorCode();
                    }
                }));
            }
        }
        long lastTask = -1;
        int locked = 0;
        for (var f : results) {
            Object r = f.get();
            if (r instanceof Long id) lastTask = Math.max(lastTask, id);
            else if (r.equals("ResourceUnavailable.InstanceLockedError")) locked++;
            else assertTrue(r.equals("RequestLimitExceeded"), "unexpected answer " + r);
        }
        assertTrue(lastTask > 0, "at least one change is accepted");
        assertTrue(locked > 0, "changes that overlap a running one are refused");
        var task = awaitTask(client(), lastTask);
        assertEquals("succeed", task.getStatus());
        current = passwords.get(lastTask);
        InstanceSet i = instance("crs-a1b2c3d4");
        assertTrue(RedisCli.accepts(i.getWanIp(), i.getPort().intValue(), current), "the last accepted change is what the engine holds");
        CLOCK.advance(Duration.ofSeconds(1)); // the next requests fall in a fresh rate window
    }

    @Test
    @Order(16)
    void unknownActionAndVersionAreReportedAsSuch() {
        var e = assertThrows(TencentCloudSDKException.class, () -> client().call("NoSuchAction", "{}"));
        assertEquals("InvalidAction", e.getErrorCode());
    }

    @Test
    @Order(16)
    void anEngineThatDoesNotAnswerWithinTwoSecondsIsReportedAbnormalAndKeepsItsPassword() throws Exception {
        long pid = Long.parseLong(java.nio.file.Files.readString(dir.resolve("data/engines/crs-frozen01/redis.pid")).trim());
        RedisClient beijing = TencentClients.redis(rekey, ID, KEY, "ap-beijing", "TC3-HMAC-SHA256", "POST");
        var req = new ModifyInstancePasswordRequest();
        req.setInstanceId("crs-frozen01");
        req.setOldPassword("Frozen#Pass1");
        req.setPassword("Thawed#Pass2");
        new ProcessBuilder("kill", "-STOP", Long.toString(pid)).start().waitFor();
        long start = System.nanoTime();
        try {
            assertEquals("ResourceUnavailable.InstanceStatusAbnormal", errorOf(() -> beijing.ModifyInstancePassword(req)));
            assertTrue((System.nanoTime() - start) / 1e9 < 5, "answered soon after the 2 s engine timeout");
        } finally {
            new ProcessBuilder("kill", "-CONT", Long.toString(pid)).start().waitFor();
        }
        var set = beijing.DescribeInstances(new DescribeInstancesRequest()).getInstanceSet();
        assertTrue(RedisCli.accepts(set[0].getWanIp(), set[0].getPort().intValue(), "Frozen#Pass1"), "nothing was changed");
    }

    @Test
    @Order(17)
    void afterARestartTheNewPasswordHoldsAndTheTaskHistoryRemains() throws Exception {
        var req = new ModifyInstancePasswordRequest();
        req.setInstanceId("crs-a1b2c3d4");
        req.setOldPassword(current);
        req.setPassword("Before#Restart1");
        long taskId = client().ModifyInstancePassword(req).getTaskId();
        assertEquals("succeed", awaitTask(client(), taskId).getStatus());
        current = "Before#Restart1";

        rekey.stop();
        rekey.startAgain();

        assertEquals("succeed", awaitTask(client(), taskId).getStatus(), "task history survives");
        InstanceSet i = instance("crs-a1b2c3d4");
        assertTrue(RedisCli.accepts(i.getWanIp(), i.getPort().intValue(), "Before#Restart1"));
        assertFalse(RedisCli.accepts(i.getWanIp(), i.getPort().intValue(), "Initial#Pass1"), "the initial password is not reapplied");
    }
}
