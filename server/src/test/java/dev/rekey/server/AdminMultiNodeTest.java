package dev.rekey.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.redis.v20180412.models.DescribeInstancesRequest;
import dev.rekey.testkit.Await;
import dev.rekey.testkit.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two nodes on one PostgreSQL sharing one admin token file: what one node's admin API changes, the other honours. */
class AdminMultiNodeTest {
    @TempDir
    Path dir;
    private final String db = TestDatabases.postgres();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
        TestDatabases.drop(db);
    }

    private TestRekey node(String name) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        var node = TestRekey.start(d, """
                server: { port: 0, admin-port: 0, admin-token-file: ../admin.token }
                store: { url: "%s", key-file: ../shared.key }
                tenants:
                  - name: acme
                    tencent: { secret-id: AKIDEXAMPLE, secret-key: SECRETEXAMPLE }
                instances:
                  - id: crs-fleet001
                    tenant: acme
                    product: tencent-redis
                    engine: { kind: redis, spawn: true, password: "Initial#Pass1" }
                """.formatted(db));
        open.add(node);
        return node;
    }

    private AdminClient admin(TestRekey node) throws Exception {
        return new AdminClient(node.adminUrl(), AdminClient.tokenIn(dir.resolve("admin.token")));
    }

    @Test
    void aKeyRevokedThroughOneNodeIsRefusedByTheSdkOnTheOtherWithinFiveSeconds() throws Exception {
        var a = node("a");
        var b = node("b");
        JsonNode key = admin(a).post("/api/tenants/acme/keys", "{\"cloud\": \"tencent\"}").json();
        String keyId = key.path("key-id").asText();
        var viaB = TencentClients.redis(b.endpoint(), keyId, key.path("secret").asText(), "ap-guangzhou");
        assertEquals(1, viaB.DescribeInstances(new DescribeInstancesRequest()).getInstanceSet().length,
                "a key made on node A works on node B (within its key ring's 2 s)");

        assertEquals(200, admin(a).delete("/api/tenants/acme/keys/tencent/" + keyId).status());
        long revoked = System.nanoTime();
        Await.until("node B refuses the revoked key", Duration.ofSeconds(5), () -> {
            try {
                viaB.DescribeInstances(new DescribeInstancesRequest());
                return false;
            } catch (TencentCloudSDKException e) {
                return e.getErrorCode().equals("AuthFailure.SecretIdNotFound");
            }
        });
        assertTrue(System.nanoTime() - revoked < Duration.ofSeconds(5).toNanos());
    }

    @Test
    void anInstanceRegisteredThroughOneNodeIsServedByTheOtherAndRetiredEverywhere() throws Exception {
        var a = node("a");
        var b = node("b");
        var made = admin(a).post("/api/instances", """
                {"id": "crs-fleet002", "tenant": "acme", "product": "tencent-redis",
                 "engine": {"kind": "redis", "spawn": true, "password": "Initial#Pass1"}}
                """);
        assertEquals(201, made.status(), made.body());
        var viaB = TencentClients.redis(b.endpoint(), "AKIDEXAMPLE", "SECRETEXAMPLE", "ap-guangzhou");
        Await.until("node B has attached the engine node A spawned", Duration.ofSeconds(10),
                () -> admin(b).get("/api/instances/crs-fleet002").json().path("engine").path("attached-here").asBoolean());
        long task = AdminInstancesTest.change(viaB, "crs-fleet002", "Initial#Pass1", "ViaNodeB#Pass2");
        assertEquals("succeed", MultiNodeTest.awaitFinal(viaB, task, Duration.ofSeconds(20)));
        assertTrue(RedisCli.accepts("127.0.0.1", made.json().path("engine").path("port").asInt(), "ViaNodeB#Pass2"));

        assertEquals(200, admin(b).delete("/api/instances/crs-fleet002").status(), "retired through the other node");
        int port = made.json().path("engine").path("port").asInt();
        Await.until("node A, which spawned it, stops its engine", Duration.ofSeconds(10), () -> !RedisCli.answers("127.0.0.1", port));
    }
}
