package dev.rekey.server;

import com.tencentcloudapi.redis.v20180412.RedisClient;
import com.tencentcloudapi.redis.v20180412.models.ModifyInstancePasswordRequest;
import dev.rekey.core.Operation;
import dev.rekey.core.Proof;
import dev.rekey.core.RotationWindows;
import dev.rekey.engines.redis.deployment.Endpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static dev.rekey.server.OverlapRotationTest.accepts;
import static dev.rekey.server.TencentRedisSdkTest.awaitTask;
import static dev.rekey.server.TencentRedisSdkTest.errorOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole deployments behind one Tencent Redis instance each: a spawned 3-shard cluster with a replica per shard (its
 * six nodes found from the cluster itself at every change), and a primary with two replicas. A change reaches every
 * node or none; a node that is down refuses the change before anything is touched, naming the node.
 */
class ReplicatedEnginesTest {
    static final String YAML = """
            server: { port: 0 }
            tenants:
              - name: acme
                tencent: { secret-id: AKIDEXAMPLE, secret-key: SECRETEXAMPLE }
            instances:
              - id: crs-cluster01
                tenant: acme
                product: tencent-redis
                region: ap-guangzhou
                engine: { kind: redis-cluster, spawn: true, shards: 3, replicas: 1, password: "Initial#Pass1" }
              - id: crs-replica01
                tenant: acme
                product: tencent-redis
                region: ap-guangzhou
                engine: { kind: redis, spawn: true, replicas: 2, overlap: 1m, password: "Initial#Pass1" }
              - id: crs-window01
                tenant: acme
                product: tencent-redis
                region: ap-guangzhou
                engine: { kind: redis, spawn: true, replicas: 1, overlap: 10m, password: "Initial#Pass1" }
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

    static long change(String id, String old, String next) throws Exception {
        var req = new ModifyInstancePasswordRequest();
        req.setInstanceId(id);
        req.setOldPassword(old);
        req.setPassword(next);
        return client().ModifyInstancePassword(req).getTaskId();
    }

    static List<Endpoint> nodes(String id) {
        String members = rekey.rekey().stores().catalog().members(id).nodes();
        return Arrays.stream(members.split(",")).map(hp -> new Endpoint(hp.substring(0, hp.lastIndexOf(':')),
                Integer.parseInt(hp.substring(hp.lastIndexOf(':') + 1)))).toList();
    }

    @Test
    void aClusterChangeReachesEverySixNodesAndTheProofNamesEach() throws Exception {
        List<Endpoint> nodes = nodes("crs-cluster01");
        assertEquals(6, nodes.size(), "three primaries and their replicas");
        long task = change("crs-cluster01", "Initial#Pass1", "Cluster#Pass2");
        assertEquals("succeed", awaitTask(client(), task).getStatus());
        for (Endpoint node : nodes) {
            assertTrue(accepts(node, "Cluster#Pass2"), node.toString());
            assertFalse(accepts(node, "Initial#Pass1"), node.toString());
        }
        Operation op = rekey.rekey().stores().operations().find(task).orElseThrow();
        Proof proof = op.result().proofs().getFirst();
        assertEquals(6, proof.logins().nodes().size(), proof.logins().describe());
        assertTrue(proof.logins().oldRefusedEverywhere());
    }

    @Test
    void aReplicaThatIsDownRefusesTheChangeNamingItAndNothingChanges() throws Exception {
        List<Endpoint> nodes = nodes("crs-replica01");
        Path pidFile = dir.resolve("data/engines/crs-replica01/node-2/redis.pid");
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        String error = errorOf(() -> change("crs-replica01", "Initial#Pass1", "Replica#Pass2"));
        assertEquals("ResourceUnavailable.InstanceStatusAbnormal", error);
        for (Endpoint node : nodes.subList(0, 2)) {
            assertTrue(accepts(node, "Initial#Pass1"), node + ": the old password works on every live node");
            assertFalse(accepts(node, "Replica#Pass2"));
        }
    }

    @Test
    void anOperatorRollsBackWithinTheWindowAndThePreviousPasswordIsInForceEverywhere() throws Exception {
        List<Endpoint> nodes = nodes("crs-window01");
        long task = change("crs-window01", "Initial#Pass1", "Window#Pass2");
        assertEquals("succeed", awaitTask(client(), task).getStatus());
        for (Endpoint node : nodes) assertTrue(accepts(node, "Window#Pass2") && accepts(node, "Initial#Pass1"), node.toString());

        var windows = new RotationWindows(rekey.rekey().stores().instances(), rekey.rekey().stores().operations(),
                instance -> java.util.Optional.empty());
        assertTrue(windows.rollBack(task));
        dev.rekey.testkit.Await.until("the roll-back ends the window", java.time.Duration.ofSeconds(20),
                () -> rekey.rekey().stores().operations().find(task).orElseThrow().state().finished());
        Operation op = rekey.rekey().stores().operations().find(task).orElseThrow();
        assertEquals(dev.rekey.core.OperationState.FAILED, op.state());
        assertTrue(op.result().message().contains("rolled back"), op.result().message());
        for (Endpoint node : nodes) {
            assertTrue(accepts(node, "Initial#Pass1"), node + ": the previous password again");
            assertFalse(accepts(node, "Window#Pass2"), node + ": the new one is gone");
        }
        assertFalse(windows.finishEarly(task), "the window has ended");
    }
}
