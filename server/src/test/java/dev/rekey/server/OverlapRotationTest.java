package dev.rekey.server;

import com.tencentcloudapi.redis.v20180412.RedisClient;
import com.tencentcloudapi.redis.v20180412.models.DescribeInstancesRequest;
import com.tencentcloudapi.redis.v20180412.models.ModifyInstancePasswordRequest;
import dev.rekey.core.Login;
import dev.rekey.core.Operation;
import dev.rekey.core.OperationState;
import dev.rekey.core.Proof;
import dev.rekey.engines.redis.deployment.Endpoint;
import dev.rekey.testkit.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.rekey.server.TencentRedisSdkTest.awaitTask;
import static dev.rekey.server.TencentRedisSdkTest.errorOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Tencent Redis instance that is a spawned primary with two replicas and a Sentinel, with an overlap window: a
 * change is {@code succeed} as soon as the new password works on every node, the old one keeps working until the
 * window ends (clients that keep reconnecting with it see no refusal, replication never loses its link), and then
 * only the new one works. The window is a step in the store: it ends on time across a restart of Rekey.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OverlapRotationTest {
    static final String ID = "crs-overlap1";
    static final Duration WINDOW = Duration.ofSeconds(4);
    static final String YAML = """
            server: { port: 0 }
            tenants:
              - name: acme
                tencent: { secret-id: AKIDEXAMPLE, secret-key: SECRETEXAMPLE }
            instances:
              - id: crs-overlap1
                tenant: acme
                product: tencent-redis
                region: ap-guangzhou
                engine: { kind: redis, spawn: true, replicas: 2, sentinels: 1, overlap: 4s, password: "Initial#Pass1" }
            limits:
              tencent-redis: { ModifyInstancePassword: 1000 }
            """;

    @TempDir
    static Path dir;
    static TestRekey rekey;

    @BeforeAll
    static void start() throws Exception {
        rekey = TestRekey.start(dir, YAML);
    }

    @AfterAll
    static void stop() {
        if (rekey != null) rekey.close();
    }

    static RedisClient client() {
        return TencentClients.redis(rekey.endpoint(), "AKIDEXAMPLE", "SECRETEXAMPLE", "ap-guangzhou");
    }

    static long change(String old, String next) throws Exception {
        var req = new ModifyInstancePasswordRequest();
        req.setInstanceId(ID);
        req.setOldPassword(old);
        req.setPassword(next);
        return client().ModifyInstancePassword(req).getTaskId();
    }

    static List<Endpoint> nodes() {
        String members = rekey.rekey().stores().catalog().members(ID).nodes();
        return Arrays.stream(members.split(",")).map(hp -> new Endpoint(hp.substring(0, hp.lastIndexOf(':')),
                Integer.parseInt(hp.substring(hp.lastIndexOf(':') + 1)))).toList();
    }

    static boolean accepts(Endpoint node, String password) {
        try (var jedis = new Jedis(new HostAndPort(node.host(), node.port()), DefaultJedisClientConfig.builder().serverDefaultProtocol()
                .password(password).connectionTimeoutMillis(2000).socketTimeoutMillis(2000).build())) {
            return "PONG".equals(jedis.ping());
        } catch (JedisException e) {
            return false;
        }
    }

    static String replication(Endpoint node, String password) {
        try (var jedis = new Jedis(new HostAndPort(node.host(), node.port()), DefaultJedisClientConfig.builder().serverDefaultProtocol()
                .password(password).build())) {
            return jedis.info("replication");
        }
    }

    static Operation operation(long id) {
        return rekey.rekey().stores().operations().find(id).orElseThrow();
    }

    @Test
    @Order(1)
    void theTaskSucceedsAtOnceBothPasswordsWorkDuringTheWindowAndOnlyTheNewOneAfter() throws Exception {
        List<Endpoint> nodes = nodes();
        assertEquals(3, nodes.size(), "a primary and two replicas");
        var stopClients = new AtomicBoolean();
        var refusedOld = new java.util.concurrent.ConcurrentLinkedQueue<Instant>();
        var loginsWithOld = new AtomicInteger();
        var linkDown = new AtomicInteger();
        // a client that keeps reconnecting with the old password, and a watcher of every replica's link
        Thread client = Thread.ofVirtual().start(() -> {
            while (!stopClients.get()) {
                Instant at = Instant.now();
                if (accepts(nodes.getFirst(), "Initial#Pass1")) loginsWithOld.incrementAndGet();
                else refusedOld.add(at);
            }
        });
        Thread watcher = Thread.ofVirtual().start(() -> {
            while (!stopClients.get()) {
                for (Endpoint replica : nodes.subList(1, nodes.size())) {
                    String pw = accepts(replica, "Next#Pass2") ? "Next#Pass2" : "Initial#Pass1";
                    try {
                        String info = replication(replica, pw);
                        if (info.contains("role:slave") && !info.contains("master_link_status:up")) linkDown.incrementAndGet();
                    } catch (JedisException e) {
                        // a login race at the very end of the window; the link is what is watched
                    }
                }
            }
        });
        long task;
        try {
            task = change("Initial#Pass1", "Next#Pass2");
            assertEquals("succeed", awaitTask(client(), task).getStatus(), "succeed once the new password works everywhere");
            Operation open = operation(task);
            assertEquals(OperationState.OVERLAP, open.state(), "the window is open");
            for (Endpoint node : nodes) {
                assertTrue(accepts(node, "Next#Pass2"), node + " takes the new password");
                assertTrue(accepts(node, "Initial#Pass1"), node + " still takes the old one");
            }
            var req = new DescribeInstancesRequest();
            req.setInstanceId(ID);
            assertEquals(2L, client().DescribeInstances(req).getInstanceSet()[0].getStatus(), "running, not in a flow");
            assertEquals("ResourceUnavailable.InstanceLockedError", errorOf(() -> change("Next#Pass2", "Third#Pass3")),
                    "a second rotation waits for the window");

            Await.until("the window ends", WINDOW.plusSeconds(10), () -> operation(task).state() == OperationState.SUCCEEDED);
        } finally {
            stopClients.set(true);
            client.join();
            watcher.join();
        }
        Instant due = operation(task).window().dueAt();
        assertEquals(List.of(), refusedOld.stream().filter(at -> at.isBefore(due)).toList(),
                "no client using the old password was refused before the window was due to end");
        assertTrue(loginsWithOld.get() > 0);
        assertEquals(0, linkDown.get(), "every replica's link stayed up");
        for (Endpoint node : nodes) {
            assertTrue(accepts(node, "Next#Pass2"), node.toString());
            assertFalse(accepts(node, "Initial#Pass1"), node + " refuses the old password after the window");
        }
        try (var logs = Files.find(dir.resolve("data/engines/" + ID), 3, (p, a) -> p.getFileName().toString().endsWith(".log"))) {
            for (Path log : logs.toList()) {
                assertFalse(Files.readString(log).contains("Unable to AUTH to MASTER"), log + " shows a replica refused by its primary");
            }
        }
        Operation ended = operation(task);
        List<Proof> proofs = ended.result().proofs();
        assertEquals(List.of(Proof.CHANGE, Proof.WINDOW), proofs.stream().map(Proof::stage).toList());
        assertTrue(proofs.get(0).logins().oldAcceptedEverywhere(), "proof: both accepted during the window");
        assertTrue(proofs.get(1).logins().oldRefusedEverywhere(), "proof: old refused after it");
        assertEquals(3, proofs.get(1).logins().nodes().size());
        assertTrue(proofs.get(1).logins().nodes().stream().allMatch(n -> n.next() == Login.ACCEPTED));
    }

    @Test
    @Order(2)
    void aWindowOpenWhenRekeyStopsStillEndsOnTime() throws Exception {
        long task = change("Next#Pass2", "After#Pass3");
        assertEquals("succeed", awaitTask(client(), task).getStatus());
        Instant due = operation(task).window().dueAt();
        rekey.stop();
        rekey.startAgain();
        assertEquals(OperationState.OVERLAP, operation(task).state(), "the window survives the restart");
        Await.until("the window ends after the restart", WINDOW.plusSeconds(10),
                () -> operation(task).state() == OperationState.SUCCEEDED);
        assertTrue(operation(task).finishedAt().isAfter(due.minusMillis(1)), "not before it was due");
        for (Endpoint node : nodes()) {
            assertTrue(accepts(node, "After#Pass3"));
            assertFalse(accepts(node, "Next#Pass2"));
        }
    }
}
