package dev.rekey.server;

import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.redis.v20180412.RedisClient;
import com.tencentcloudapi.redis.v20180412.models.DescribeInstancesRequest;
import com.tencentcloudapi.redis.v20180412.models.DescribeTaskInfoRequest;
import com.tencentcloudapi.redis.v20180412.models.InstanceSet;
import com.tencentcloudapi.redis.v20180412.models.ModifyInstancePasswordRequest;
import dev.rekey.testkit.Await;
import dev.rekey.testkit.MutableClock;
import dev.rekey.testkit.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two Rekey nodes sharing one PostgreSQL: shared instances, tasks and rate windows; a killed node's task finished by the other. */
class MultiNodeTest {
    @TempDir
    Path dir;
    private final String db = TestDatabases.postgres();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
        // An engine orphaned by a killed node is stopped by pid, never by name.
        try (var pids = Files.find(dir, 6, (p, a) -> p.getFileName().toString().equals("redis.pid"))) {
            for (Path pid : pids.toList()) {
                ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).ifPresent(ProcessHandle::destroy);
            }
        }
        TestDatabases.drop(db);
    }

    private String yaml(int limit) {
        return """
                server: { port: 0 }
                store: { url: "%s", key-file: ../shared.key, task-lease-seconds: 2 }
                tenants:
                  - name: acme
                    tencent: { secret-id: AKIDEXAMPLE, secret-key: SECRETEXAMPLE }
                instances:
                  - id: crs-multi001
                    tenant: acme
                    product: tencent-redis
                    region: ap-guangzhou
                    engine: { kind: redis, spawn: true, password: "Initial#Pass1" }
                limits:
                  tencent-redis: { ModifyInstancePassword: %d }
                """.formatted(db, limit);
    }

    private Path nodeDir(String name, int limit) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        Files.writeString(d.resolve("rekey.yaml"), yaml(limit));
        return d;
    }

    private TestRekey inProcess(String name, int limit) throws Exception {
        return inProcess(name, limit, Clock.systemUTC());
    }

    private TestRekey inProcess(String name, int limit, Clock clock) throws Exception {
        var node = TestRekey.start(nodeDir(name, limit), yaml(limit), clock);
        open.add(node);
        return node;
    }

    static RedisClient client(String endpoint) {
        var http = new com.tencentcloudapi.common.profile.HttpProfile();
        http.setEndpoint(endpoint);
        http.setProtocol("http://");
        var profile = new com.tencentcloudapi.common.profile.ClientProfile();
        profile.setHttpProfile(http);
        return new RedisClient(new com.tencentcloudapi.common.Credential("AKIDEXAMPLE", "SECRETEXAMPLE"), "ap-guangzhou", profile);
    }

    static long change(RedisClient c, String old, String next) throws TencentCloudSDKException {
        var req = new ModifyInstancePasswordRequest();
        req.setInstanceId("crs-multi001");
        req.setOldPassword(old);
        req.setPassword(next);
        return c.ModifyInstancePassword(req).getTaskId();
    }

    static String awaitFinal(RedisClient c, long task, Duration timeout) throws Exception {
        var req = new DescribeTaskInfoRequest();
        req.setTaskId(task);
        return Await.value("task " + task + " ends", timeout, () -> {
            String s = c.DescribeTaskInfo(req).getStatus();
            return s.equals("succeed") || s.equals("failed") ? Optional.of(s) : Optional.empty();
        });
    }

    static InstanceSet instance(RedisClient c) throws TencentCloudSDKException {
        return c.DescribeInstances(new DescribeInstancesRequest()).getInstanceSet()[0];
    }

    @Test
    void aChangeThroughEitherNodeIsSeenByBothAndOnlyTheOwnerSpawnedTheEngine() throws Exception {
        var a = inProcess("a", 1000);
        var b = inProcess("b", 1000);
        assertFalse(Files.exists(b.dir.resolve("data/engines/crs-multi001")), "the second node reaches the engine, never spawns it");
        long task = change(client(b.endpoint()), "Initial#Pass1", "ViaNodeB#Pass2");
        assertEquals("succeed", awaitFinal(client(a.endpoint()), task, Duration.ofSeconds(10)), "the task is visible from the other node");
        InstanceSet i = instance(client(a.endpoint()));
        assertTrue(RedisCli.accepts(i.getWanIp(), i.getPort().intValue(), "ViaNodeB#Pass2"));
        assertFalse(RedisCli.accepts(i.getWanIp(), i.getPort().intValue(), "Initial#Pass1"));
    }

    @Test
    void theRateLimitIsForTheWholeFleetNotPerNode() throws Exception {
        // both nodes' clocks stand still, so the whole burst falls in one rate window however long it takes
        var clock = new MutableClock(Instant.now());
        var a = inProcess("a", 10, clock);
        var b = inProcess("b", 10, clock);
        List<RedisClient> clients = List.of(client(a.endpoint()), client(b.endpoint()));
        var answers = new ArrayList<Future<String>>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int n = 0; n < 40; n++) {
                RedisClient c = clients.get(n % 2);
                answers.add(pool.submit(() -> {
                    try {
                        change(c, "Initial#Pass1", "short");
                        return "accepted";
                    } catch (TencentCloudSDKException e) {
                        return e.getErrorCode();
                    }
                }));
            }
        }
        int served = 0;
        for (var f : answers) if (f.get().equals("InvalidParameterValue.PasswordRuleError")) served++;
        assertEquals(10, served, "one window of 10/s across both nodes (per node it would be 20)");
    }

    @Test
    void aNodeKilledWithItsEngineRunningReAdoptsTheEngineOnRestart() throws Exception {
        Path aDir = nodeDir("a", 1000);
        var killed = NodeProcess.start(aDir.resolve("rekey.yaml"), aDir.resolve("node.log"), Map.of());
        var b = inProcess("b", 1000);
        long task = change(client(killed.endpoint()), "Initial#Pass1", "BeforeKill#Pass2");
        assertEquals("succeed", awaitFinal(client(b.endpoint()), task, Duration.ofSeconds(20)));
        InstanceSet i = instance(client(b.endpoint()));
        killed.kill();
        assertTrue(RedisCli.accepts(i.getWanIp(), i.getPort().intValue(), "BeforeKill#Pass2"), "the spawned engine outlived its node");

        // On restart the node re-adopts the engine it spawned instead of spawning another.
        try (var restarted = NodeProcess.start(aDir.resolve("rekey.yaml"), aDir.resolve("node2.log"), Map.of())) {
            InstanceSet again = instance(client(restarted.endpoint()));
            assertEquals(i.getPort(), again.getPort(), "the same engine, re-adopted");
            assertTrue(RedisCli.accepts(again.getWanIp(), again.getPort().intValue(), "BeforeKill#Pass2"));
        }
    }
}
