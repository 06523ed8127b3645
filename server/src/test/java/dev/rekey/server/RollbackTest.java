package dev.rekey.server;

import com.tencentcloudapi.redis.v20180412.models.DescribeTaskInfoRequest;
import com.tencentcloudapi.redis.v20180412.models.ModifyInstancePasswordRequest;
import dev.rekey.engines.FreePort;
import dev.rekey.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An external Redis started without any configuration file: `ACL SAVE` and `CONFIG REWRITE` both fail there, so a change
 * cannot be persisted. Rekey must put the old password back before it reports the task failed.
 */
class RollbackTest {
    @TempDir
    Path dir;
    private Process redis;

    @AfterEach
    void stopRedis() throws InterruptedException {
        if (redis != null) {
            redis.destroy();
            redis.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aChangeThatCannotBePersistedIsRolledBackAndReportedFailed() throws Exception {
        int port = FreePort.pick();
        redis = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--dir", dir.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("redis.out").toFile()).start();
        Await.until("redis-server on port " + port + " answers PING", Duration.ofSeconds(10),
                () -> RedisCli.ping("127.0.0.1", port, null).equals("PONG"));
        cli(port, "ACL", "SETUSER", "rekey-admin", "on", ">AdminPass#1", "-@all", "+acl|setuser", "+acl|getuser", "+acl|save",
                "+config|rewrite", "+config|get", "+info", "+ping");
        cli(port, "ACL", "SETUSER", "default", "resetpass", ">External#Pass1");

        String yaml = """
                server: { port: 0 }
                tenants:
                  - name: acme
                    tencent: { secret-id: AKIDEXAMPLE, secret-key: SECRETEXAMPLE }
                instances:
                  - id: crs-external1
                    tenant: acme
                    product: tencent-redis
                    region: ap-guangzhou
                    engine: { kind: redis, host: 127.0.0.1, port: %d, admin-user: rekey-admin, admin-password-env: ROLLBACK_TEST_ADMIN }
                """.formatted(port);
        try (var rekey = TestRekey.start(dir, yaml, java.util.Map.of("ROLLBACK_TEST_ADMIN", "AdminPass#1"))) {
            var client = TencentClients.redis(rekey, "AKIDEXAMPLE", "SECRETEXAMPLE", "ap-guangzhou", "TC3-HMAC-SHA256", "POST");
            var req = new ModifyInstancePasswordRequest();
            req.setInstanceId("crs-external1");
            req.setOldPassword("External#Pass1");
            req.setPassword("Never#Persisted2");
            var poll = new DescribeTaskInfoRequest();
            poll.setTaskId(client.ModifyInstancePassword(req).getTaskId());
            var task = Await.value("the change ends", Duration.ofSeconds(10), () -> {
                var info = client.DescribeTaskInfo(poll);
                boolean ended = info.getStatus().equals("succeed") || info.getStatus().equals("failed");
                return ended ? Optional.of(info) : Optional.empty();
            });
            assertEquals("failed", task.getStatus());
            assertTrue(task.getTaskMessage().contains("previous password was restored"), task.getTaskMessage());
            assertFalse(task.getTaskMessage().contains("Never#Persisted2"));
            assertTrue(RedisCli.accepts("127.0.0.1", port, "External#Pass1"), "the old password works again");
            assertFalse(RedisCli.accepts("127.0.0.1", port, "Never#Persisted2"), "the unpersisted one is gone");
        }
    }

    private static void cli(int port, String... args) throws Exception {
        var cmd = new java.util.ArrayList<>(List.of("redis-cli", "-p", Integer.toString(port)));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        assertEquals("OK", out, String.join(" ", args));
    }
}
