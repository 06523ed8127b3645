package dev.rekey.it.huawei;

import dev.rekey.server.MovableClock;
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
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The golden captures of the Java SDK (core 3.1.130, chunked; core 3.1.209) and the Node core, replayed over a socket
 * to a running Rekey whose clock is set to the captures' time: every one is authenticated through the real HTTP
 * stack and answered as the dialect answers the SDKs, down to the engine.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DcsGoldenReplayTest {
    static final String ID = "a2a4ea4f-3a43-4b6c-9a1a-6a9a8a2c1d10";
    static final String YAML = Dcs.TENANTS + """
            instances:
              - id: a2a4ea4f-3a43-4b6c-9a1a-6a9a8a2c1d10
                tenant: acme
                product: huawei-dcs
                name: orders
                engine: { kind: redis, spawn: true, password: "OldPass#2024" }
            """;
    /** The captures were signed between 07:21:06 and 07:22:05 UTC that day. */
    static final Instant CAPTURED = Instant.parse("2026-11-23T07:21:40Z");

    @TempDir
    static Path dir;
    static TestRekey rekey;

    @BeforeAll
    static void start() throws Exception {
        var clock = new MovableClock();
        clock.advance(Duration.between(Instant.now(), CAPTURED));
        rekey = TestRekey.start(dir, YAML, clock);
    }

    @AfterAll
    static void stop() {
        if (rekey != null) rekey.close();
    }

    static CapturedRequest.Answer replay(String file) throws Exception {
        var answer = CapturedRequest.load(file).sendTo(rekey.port());
        assertTrue(answer.requestId() != null && answer.requestId().matches("[0-9a-f]{32}"), file);
        return answer;
    }

    static boolean redisAccepts(String password) throws Exception {
        var instance = rekey.rekey().stores().instances().find(ID).orElseThrow();
        return RedisCli.accepts(instance.host(), instance.port(), password);
    }

    @ParameterizedTest
    @Order(1)
    @ValueSource(strings = {"java-dcs-v2-ShowInstance.http", "java-dcs-v2-ListInstances-noquery.http",
            "java-dcs-v2-ListInstances-query.http", "java-core3.1.209-dcs-v2-ListInstances-query.http"})
    void showAndListCapturesFindTheInstance(String file) throws Exception {
        var answer = replay(file);
        assertEquals(200, answer.status(), answer.body().toString());
        String id = answer.body().has("instances")
                ? answer.body().get("instances").get(0).get("instance_id").asText()
                : answer.body().get("instance_id").asText();
        assertEquals(ID, id);
    }

    /** Both filter on the name "my redis*~..." (the instance is "orders"). */
    @ParameterizedTest
    @Order(2)
    @ValueSource(strings = {"java-dcs-v2-ListInstances-encoded-query.http", "node-dcs-v2-ListInstances-query-core-raw.http"})
    void theNameQueryCapturesAreAnsweredWithNoMatch(String file) throws Exception {
        var answer = replay(file);
        assertEquals(200, answer.status());
        assertEquals(0, answer.body().get("instance_num").asInt());
    }

    @Test
    @Order(3)
    void theEscapedJsonCaptureIsAuthenticatedAndItsPasswordRefusedByShape() throws Exception {
        var answer = replay("java-dcs-v2-UpdatePassword-escaped-json.http");
        assertEquals(400, answer.status());
        assertEquals("DCS.4019", answer.body().get("error_code").asText());
    }

    @Test
    @Order(4)
    void theNodeV1CaptureChangesThePasswordAndTheOthersFindItChanged() throws Exception {
        var first = replay("node-dcs-v1.0-UpdatePassword-core-raw.http");
        assertEquals("success", first.body().get("result").asText(), first.body().toString());
        assertTrue(redisAccepts("NewPass#2025"));
        int left = 4;
        for (String file : new String[] {"java-dcs-v2-UpdatePassword.http", "java-dcs-v1.0-UpdatePassword-core-raw.http",
                "java-core3.1.209-dcs-v2-UpdatePassword.http", "node-dcs-v2-UpdatePassword-core-raw.http"}) {
            var answer = replay(file);
            assertEquals(200, answer.status(), file);
            assertEquals("passwordFailed", answer.body().get("result").asText(), file);
            assertEquals(Integer.toString(left--), answer.body().get("retry_times_left").asText(), file);
        }
    }

    @Test
    @Order(5)
    void theResetCaptureSetsItsPassword() throws Exception {
        var answer = replay("java-dcs-v2-ResetPassword.http");
        assertEquals(200, answer.status(), answer.body().toString());
        assertEquals("5", answer.body().get("retry_times_left").asText());
        assertTrue(redisAccepts("Reset#Pass2025"));
    }

    @Test
    @Order(6)
    void aTamperedCaptureIsRefusedByTheGateway() throws Exception {
        var answer = CapturedRequest.load("java-dcs-v2-UpdatePassword.http").tampered().sendTo(rekey.port());
        assertEquals(401, answer.status());
        assertEquals("APIGW.0301", answer.body().get("error_code").asText());
        assertEquals(answer.requestId(), answer.body().get("request_id").asText());
    }
}
