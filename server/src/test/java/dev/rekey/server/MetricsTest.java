package dev.rekey.server;

import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.redis.v20180412.models.DescribeInstancesRequest;
import dev.rekey.testkit.Await;
import dev.rekey.testkit.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /metrics} scraped without a token after real SDK traffic, and read with a Prometheus text parser. */
class MetricsTest {
    @TempDir
    Path dir;

    @Test
    void requestsLatenciesRefusalsOperationsAndEnginesAreCounted() throws Exception {
        // the clock stands still: every request falls in one rate window of 1 per second
        try (var rekey = TestRekey.start(dir, """
                server: { port: 0, admin-port: 0 }
                tenants:
                  - name: acme
                    tencent: { secret-id: AKIDEXAMPLE, secret-key: SECRETEXAMPLE }
                instances:
                  - id: crs-metric01
                    tenant: acme
                    product: tencent-redis
                    engine: { kind: redis, spawn: true, password: "Initial#Pass1" }
                limits:
                  tencent-redis: { ModifyInstancePassword: 1 }
                """, new MutableClock(Instant.now()))) {
            var redis = TencentClients.redis(rekey.endpoint(), "AKIDEXAMPLE", "SECRETEXAMPLE", "ap-guangzhou");
            long task = AdminInstancesTest.change(redis, "crs-metric01", "Initial#Pass1", "Metered#Pass2");
            assertEquals("succeed", MultiNodeTest.awaitFinal(redis, task, Duration.ofSeconds(20)));
            var limited = assertThrows(TencentCloudSDKException.class,
                    () -> AdminInstancesTest.change(redis, "crs-metric01", "Metered#Pass2", "Metered#Pass3"));
            assertEquals("RequestLimitExceeded", limited.getErrorCode());
            redis.DescribeInstances(new DescribeInstancesRequest());
            var stranger = TencentClients.redis(rekey.endpoint(), "AKIDNOBODY", "NOSECRET", "ap-guangzhou");
            assertThrows(TencentCloudSDKException.class, () -> stranger.DescribeInstances(new DescribeInstancesRequest()));

            var metrics = rekey.admin().withToken(null);
            PrometheusText text = Await.value("a probe found the engine up", Duration.ofSeconds(30), () -> {
                var scraped = metrics.get("/metrics");
                assertEquals(200, scraped.status());
                assertTrue(scraped.raw().headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
                var t = PrometheusText.parse(scraped.body());
                return t.sum("rekey_engines", Map.of("state", "up")) >= 1 ? java.util.Optional.of(t) : java.util.Optional.empty();
            });

            assertEquals("counter", text.type("rekey_requests_total").orElseThrow());
            var modify = Map.of("cloud", "tencent", "action", "ModifyInstancePassword");
            assertEquals(1.0, text.sum("rekey_requests_total", Map.of("cloud", "tencent", "action", "ModifyInstancePassword",
                    "status", "200", "code", "none")));
            assertEquals(1.0, text.sum("rekey_requests_total", Map.of("action", "ModifyInstancePassword", "code", "RequestLimitExceeded")));
            assertTrue(text.sum("rekey_requests_total", Map.of("action", "DescribeTaskInfo")) >= 1);
            assertEquals(1.0, text.sum("rekey_requests_total", Map.of("action", "DescribeInstances", "code", "none")));
            assertTrue(text.sum("rekey_requests_total", Map.of("cloud", "tencent", "code", "AuthFailure.SecretIdNotFound")) >= 1);

            assertEquals("histogram", text.type("rekey_request_duration_seconds").orElseThrow());
            var all = new java.util.HashMap<>(modify);
            all.put("le", "+Inf");
            assertEquals(2.0, text.sum("rekey_request_duration_seconds_bucket", all));
            assertEquals(2.0, text.sum("rekey_request_duration_seconds_count", modify));
            assertTrue(text.sum("rekey_request_duration_seconds_sum", modify) > 0);
            all.put("le", "10.0");
            assertEquals(2.0, text.sum("rekey_request_duration_seconds_bucket", all), "both well under 10 s");

            assertEquals(1.0, text.sum("rekey_rate_limit_refusals_total", Map.of("product", "tencent-redis")));
            assertEquals(1.0, text.sum("rekey_operations", Map.of("kind", "engine_password", "state", "succeeded")));
            assertEquals(0.0, text.sum("rekey_operations", Map.of("state", "running")));
            assertEquals(0.0, text.sum("rekey_engine_verification_failures_total", Map.of()));
            assertEquals(1.0, text.sum("rekey_engines", Map.of("state", "up")));
            assertEquals(0.0, text.sum("rekey_engines", Map.of("state", "down")));
            assertEquals(0.0, text.sum("rekey_instances_locked", Map.of()));
            assertEquals(1.0, text.sum("rekey_instances", Map.of("product", "tencent-redis", "source", "config")));
            text.samples().forEach(s -> assertTrue(s.name().startsWith("rekey_"), s.name()));
        }
    }
}
