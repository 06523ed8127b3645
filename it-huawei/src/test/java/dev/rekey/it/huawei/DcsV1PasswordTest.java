package dev.rekey.it.huawei;

import com.huaweicloud.sdk.core.exception.ClientRequestException;
import com.huaweicloud.sdk.dcs.v2.DcsClient;
import com.huaweicloud.sdk.dcs.v2.model.ListInstancesRequest;
import com.huaweicloud.sdk.dcs.v2.model.ShowInstanceResponse;
import dev.rekey.server.RedisCli;
import dev.rekey.server.TestRekey;
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

import static dev.rekey.it.huawei.Dcs.change;
import static dev.rekey.it.huawei.Dcs.show;
import static dev.rekey.it.huawei.Dcs.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PUT /v1.0/{project_id}/instances/{instance_id}/password as raw signed requests (no SDK model exists), on a Redis
 * instance: the v1.0 rules (6-32, two classes, its own specials), the v1.0 error shape, and the lockout counter it
 * shares with v2.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DcsV1PasswordTest {
    static final String ID = "e6e8ce83-7e87-4fa0-9e5e-ae3ece6a5b54";
    static final String YAML = Dcs.TENANTS + """
            instances:
              - id: e6e8ce83-7e87-4fa0-9e5e-ae3ece6a5b54
                tenant: acme
                product: huawei-dcs
                engine: { kind: redis, spawn: true, password: "Initial#Pass1" }
              - id: e6e8ce83-7e87-4fa0-9e5e-ae3ece6a5b55
                tenant: acme
                product: huawei-dcs
                engine: { kind: redis, spawn: true, password: "Initial#Pass1" }
            limits:
              huawei-dcs: { lock-minutes: 3, UpdatePassword: 1000, ShowInstance: 1000, ListInstances: 1 }
            """;

    @TempDir
    static Path dir;
    static TestRekey rekey;
    static DcsClient dcs;
    static String current = "Initial#Pass1";

    @BeforeAll
    static void start() throws Exception {
        rekey = TestRekey.start(dir, YAML);
        dcs = Dcs.client(rekey);
    }

    @AfterAll
    static void stop() {
        if (rekey != null) rekey.close();
    }

    static boolean redisAccepts(String password) throws Exception {
        ShowInstanceResponse i = show(dcs, ID);
        return RedisCli.accepts(i.getIp(), i.getPort(), password);
    }

    static void changeAndVerify(String next) throws Exception {
        var a = RawDcs.v1Change(rekey, ID, current, next);
        assertEquals(200, a.status(), a.body().toString());
        assertEquals("success", a.body().get("result").asText());
        assertEquals("5", a.body().get("retry_times_left").asText());
        assertTrue(a.body().get("lock_time").isTextual(), "lock fields are JSON strings");
        assertTrue(a.requestId().matches("[0-9a-f]{32}"));
        assertTrue(redisAccepts(next));
        assertFalse(redisAccepts(current));
        current = next;
    }

    static void assertV1Error(int status, String code, RawDcs.Answer a) {
        assertEquals(status, a.status(), a.body().toString());
        assertEquals(code, a.body().get("error").get("code").asText());
        assertFalse(a.body().get("error").get("message").asText().isEmpty());
        assertTrue(a.requestId().matches("[0-9a-f]{32}"));
    }

    @Test
    @Order(1)
    void sixCharactersAndTwoClassesAreEnoughInV1() throws Exception {
        changeAndVerify("abcde1");
    }

    @Test
    @Order(2)
    void v1AcceptsColonAndBackslashWhichV2RefusesEvenAsTheOldPassword() throws Exception {
        changeAndVerify("abc:de\\f");
        Dcs.assertRefused(400, "DCS.4019", () -> change(dcs, ID, "Abcde#Pass1", "Abc:de\\f1"));
        Dcs.assertRefused(400, "DCS.4019", () -> change(dcs, ID, current, "Abcde#Pass1"));
        changeAndVerify("Abcde#12");
    }

    @ParameterizedTest
    @Order(3)
    @ValueSource(strings = {"abcd1", "abcdefgh", "ABCDEFGH", "12345678", "abc%def1", "abc def1", "abc;def1",
            "a1234567890123456789012345678901z"})
    void everyV1RuleViolationIs111400019(String bad) throws Exception {
        assertV1Error(400, "111400019", RawDcs.v1Change(rekey, ID, current, bad));
        assertTrue(redisAccepts(current));
    }

    @Test
    @Order(4)
    void v1ErrorsUseTheNumericCodesAndTheV1Shape() throws Exception {
        assertV1Error(400, "111400019", RawDcs.v1Change(rekey, ID, current, current));
        assertV1Error(404, "111404022", RawDcs.v1Change(rekey, "e6e8ce83-0000-0000-0000-000000000000", current, "abcde2"));
        assertV1Error(400, "111400061", RawDcs.v1Change(rekey, "bad_id", current, "abcde2"));
        var empty = RawDcs.send(rekey, "PUT", "/v1.0/" + Dcs.PROJECT + "/instances/" + ID + "/password", "",
                java.util.Map.of());
        assertV1Error(400, "111400004", empty);
        var wrongProject = RawDcs.send(rekey, "PUT", "/v1.0/" + Dcs.OTHER_PROJECT + "/instances/" + ID + "/password",
                "{\"old_password\":\"abcde1\",\"new_password\":\"abcde2\"}", java.util.Map.of());
        assertV1Error(401, "111401004", wrongProject);
    }

    @Test
    @Order(5)
    void v1AndV2ShareOneLockoutCounter() throws Exception {
        var first = RawDcs.v1Change(rekey, ID, "wrong1", "abcde3");
        assertEquals("passwordFailed", first.body().path("result").asText(), first.body().toString());
        assertEquals("4 3 3", first.body().get("retry_times_left").asText() + " " + first.body().get("lock_time").asText()
                + " " + first.body().get("lock_time_left").asText());
        assertEquals("passwordFailed 3 3 3", summary(change(dcs, ID, "Wrong#Pass2", "Abcde#Pass3")));
        assertEquals("2", RawDcs.v1Change(rekey, ID, "wrong3", "abcde3").body().get("retry_times_left").asText());
        assertEquals("passwordFailed 1 3 3", summary(change(dcs, ID, "Wrong#Pass4", "Abcde#Pass3")));
        var fifth = RawDcs.v1Change(rekey, ID, "wrong5", "abcde3");
        assertEquals("locked", fifth.body().path("result").asText(), fifth.body().toString());
        assertEquals("0", fifth.body().get("retry_times_left").asText());
        assertEquals("3", fifth.body().get("lock_time_left").asText());
        assertEquals("locked 0 3 3", summary(change(dcs, ID, current, "Abcde#Pass3")));
        assertEquals("locked", RawDcs.v1Change(rekey, ID, current, "abcde3").body().get("result").asText());
        assertTrue(redisAccepts(current));
    }

    @Test
    @Order(6)
    void requestsAboveTheConfiguredRateAreThrottledByTheGateway() {
        int throttled = 0;
        for (int i = 0; i < 5; i++) {
            try {
                dcs.listInstances(new ListInstancesRequest());
            } catch (ClientRequestException e) {
                assertEquals(429, e.getHttpStatusCode());
                assertEquals("APIGW.0308", e.getErrorCode());
                throttled++;
            }
        }
        assertTrue(throttled >= 3, "limits: huawei-dcs: ListInstances: 1 allows one call per second, got " + throttled + " refused");
    }

    @Test
    @Order(7)
    void anEngineThatDoesNotAnswerIs4049() throws Exception {
        String down = "e6e8ce83-7e87-4fa0-9e5e-ae3ece6a5b55";
        long pid = Long.parseLong(java.nio.file.Files.readString(dir.resolve("data/engines/" + down + "/redis.pid")).strip());
        ProcessHandle redis = ProcessHandle.of(pid).orElseThrow();
        redis.destroy(); // the redis-server this test's Rekey spawned, by its pid
        redis.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertV1Error(400, "DCS.4049", RawDcs.v1Change(rekey, down, "Initial#Pass1", "abcde2"));
        Dcs.assertRefused(400, "DCS.4049", () -> change(dcs, down, "Initial#Pass1", "Abcde#Pass2"));
    }
}
