package dev.rekey.server;

import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.redis.v20180412.models.InstanceSet;
import dev.rekey.core.Operation;
import dev.rekey.core.OperationState;
import dev.rekey.core.Secret;
import dev.rekey.engines.redis.RedisProcess;
import dev.rekey.testkit.Await;
import dev.rekey.testkit.EngineRelay;
import dev.rekey.testkit.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.rekey.server.MultiNodeTest.awaitFinal;
import static dev.rekey.server.MultiNodeTest.change;
import static dev.rekey.server.MultiNodeTest.client;
import static dev.rekey.server.MultiNodeTest.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two nodes on one PostgreSQL and one Redis; node A reaches the Redis through a relay, so the test can act at the very
 * moment A sends its change (ACL SETUSER) with no hook in Rekey. A node that dies, or is paused past its lease, in
 * the middle of a change is replaced by the other node, which settles the operation from what the engine holds; the
 * first node, if it comes back, is fenced out: no write, no further engine call.
 */
class FencedLeaseTest {
    private static final String ADMIN = "relay-admin-Pw1";
    @TempDir
    Path dir;
    private final String db = TestDatabases.postgres();
    private RedisProcess redis;
    private EngineRelay relayA;
    private NodeProcess a;
    private TestRekey b;

    @BeforeEach
    void engines() throws Exception {
        redis = RedisProcess.start(Files.createDirectories(dir.resolve("redis")), 0, "rekey-admin", Secret.of(ADMIN),
                "default", Secret.of("Initial#Pass1"));
        relayA = EngineRelay.start(redis.port());
    }

    @AfterEach
    void stop() throws Exception {
        if (a != null) {
            signal(a.pid(), "CONT");
            a.close();
        }
        if (b != null) b.close();
        relayA.close();
        signal(redis.pid(), "CONT");
        redis.stop();
        TestDatabases.drop(db);
    }

    private String yaml(int port) {
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
                    engine: { kind: redis, host: 127.0.0.1, port: %d, admin-user: rekey-admin, admin-password-env: REKEY_ADMIN_PW }
                limits:
                  tencent-redis: { ModifyInstancePassword: 1000 }
                """.formatted(db, port);
    }

    /** Node A runs as its own process and reaches the engine through the relay; node B runs here and reaches it directly. */
    private void startNodes() throws Exception {
        Path aDir = Files.createDirectories(dir.resolve("a"));
        Files.writeString(aDir.resolve("rekey.yaml"), yaml(relayA.port()));
        a = NodeProcess.start(aDir.resolve("rekey.yaml"), aDir.resolve("node.log"), Map.of("REKEY_ADMIN_PW", ADMIN));
        b = TestRekey.start(Files.createDirectories(dir.resolve("b")), yaml(redis.port()), Map.of("REKEY_ADMIN_PW", ADMIN));
    }

    @Test
    void aNodeKilledMidChangeIsSettledByTheOtherFromTheEngine() throws Exception {
        startNodes();
        relayA.onceBefore("SETUSER", () -> {
            try {
                a.kill(); // node A dies the moment it sends the change; the change itself still reaches the engine
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            change(client(a.endpoint()), "Initial#Pass1", "Crash#Pass2");
        } catch (TencentCloudSDKException e) {
            // node A may die before its answer is on the wire: the operation is in the store all the same
        }
        long op = b.rekey().stores().operations().ofInstance("crs-multi001", 1).getFirst().id();

        // A's lease (2 s) runs out; node B claims the operation and asks the engine what it holds.
        assertEquals("succeed", awaitFinal(client(b.endpoint()), op, Duration.ofSeconds(20)));
        InstanceSet i = instance(client(b.endpoint()));
        assertEquals(2L, i.getStatus(), "the instance is free again");
        assertTrue(RedisCli.accepts("127.0.0.1", redis.port(), "Crash#Pass2"), "Rekey says succeed: the engine has the new password");
        assertFalse(RedisCli.accepts("127.0.0.1", redis.port(), "Initial#Pass1"));
        Operation settled = b.rekey().stores().operations().find(op).orElseThrow();
        assertEquals(2, settled.leaseEpoch(), "settled under the second claim");
    }

    @Test
    void aNodePausedPastItsLeaseIsFencedOutAfterTheOtherSettledItsOperation() throws Exception {
        startNodes();
        var sent = new CountDownLatch(1);
        relayA.onceBefore("SETUSER", () -> {
            signal(redis.pid(), "STOP"); // the change waits in a frozen engine: node A is stuck in that call
            sent.countDown();
        });
        long op = change(client(a.endpoint()), "Initial#Pass1", "Fenced#Pass2");
        assertTrue(sent.await(10, TimeUnit.SECONDS), "node A sent its change");
        signal(a.pid(), "STOP");     // node A is paused (a long GC, a frozen VM) while its change is in flight
        signal(redis.pid(), "CONT"); // the engine takes the change; node A cannot see it

        assertEquals("succeed", awaitFinal(client(b.endpoint()), op, Duration.ofSeconds(20)), "node B settled it");
        Operation settled = b.rekey().stores().operations().find(op).orElseThrow();
        assertEquals(OperationState.SUCCEEDED, settled.state());
        long engineCallsBefore = relayA.chunksFromClients();

        signal(a.pid(), "CONT");
        Path log = dir.resolve("a/node.log");
        Await.until("node A notices it lost the lease", Duration.ofSeconds(10),
                () -> Files.readString(log).contains("is lost"));
        assertEquals(engineCallsBefore, relayA.chunksFromClients(), "node A made no further engine call");
        assertEquals(settled, b.rekey().stores().operations().find(op).orElseThrow(), "node A's late finish changed nothing");

        // The engine, the store and the API (on either node) report the same password.
        assertEquals("succeed", awaitFinal(client(a.endpoint()), op, Duration.ofSeconds(5)));
        assertTrue(RedisCli.accepts("127.0.0.1", redis.port(), "Fenced#Pass2"));
        assertFalse(RedisCli.accepts("127.0.0.1", redis.port(), "Initial#Pass1"));
        assertEquals(2L, instance(client(a.endpoint())).getStatus());
        assertEquals("succeed", awaitFinal(client(a.endpoint()), change(client(a.endpoint()), "Fenced#Pass2", "After#Pass3"),
                Duration.ofSeconds(10)), "node A serves the instance again");
    }

    static void signal(long pid, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor();
        } catch (Exception e) {
            throw new IllegalStateException("kill -" + signal + " " + pid + ": " + e.getMessage(), e);
        }
    }
}
