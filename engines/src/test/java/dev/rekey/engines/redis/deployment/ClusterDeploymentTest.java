package dev.rekey.engines.redis.deployment;

import static dev.rekey.engines.redis.deployment.Topologies.ACCOUNT;
import static dev.rekey.engines.redis.deployment.Topologies.ADMIN;
import static dev.rekey.engines.redis.deployment.Topologies.ADMIN_PASSWORD;
import static dev.rekey.engines.redis.deployment.Topologies.AUTH_FAILURE_LOG;
import static dev.rekey.engines.redis.deployment.Topologies.password;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekey.core.EngineException;
import dev.rekey.core.Secret;
import dev.rekey.engines.redis.topology.ClusterTopology;
import dev.rekey.core.ChangeGate.Phase;
import dev.rekey.core.Login;
import dev.rekey.core.NodeRole;
import dev.rekey.core.RotationProof;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;

/** A 3-shard cluster with a replica each, started once for the class; the engine knows only one seed node. */
class ClusterDeploymentTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    private static ClusterTopology cluster;
    private static Secret current;

    @BeforeAll
    static void startCluster() throws EngineException {
        Topologies.requireRedisServer();
        current = password("initial");
        cluster = ClusterTopology.start(dir.resolve("cluster"), 3, 1, ADMIN, ADMIN_PASSWORD, ACCOUNT, current);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) cluster.stop();
    }

    @AfterEach
    void everyNodeIsHealthyAgain() throws EngineException {
        engine().withLinkTimeout(SETTLE).requireLinksUp();
        for (Endpoint node : cluster.nodes()) {
            assertFalse(cluster.log(node).contains(AUTH_FAILURE_LOG), node + " logged " + AUTH_FAILURE_LOG);
        }
    }

    @Test
    void everyNodeIsFoundFromOneSeed() throws EngineException {
        assertEquals(Set.copyOf(cluster.nodes()), Set.copyOf(engine().nodes()));
        RotationProof proof = engine().prove(current, null);
        assertEquals(6, proof.nodes().size());
        assertEquals(3, proof.nodes().stream().filter(node -> node.role() == NodeRole.PRIMARY).count());
        assertTrue(proof.nextAcceptedEverywhere(), proof.describe());
    }

    @Test
    void aRotationThroughOneSeedChangesEveryNodeAndEveryMasterauth() throws EngineException {
        Secret next = password("rotated");
        engine().replace(next);
        engine().persist();
        engine().verify(next, current);
        Secret old = current;
        current = next;

        RotationProof proof = engine().prove(next, old);
        assertTrue(proof.nextAcceptedEverywhere() && proof.oldRefusedEverywhere(), proof.describe());
        for (Endpoint node : cluster.nodes()) assertEquals(next.reveal(), masterAuth(node), "masterauth of " + node);
        Endpoint replica = replicas().getFirst();
        cluster.kill(replica);
        cluster.restart(replica);
        engine().withLinkTimeout(SETTLE).requireLinksUp();
    }

    @Test
    void duringTheOverlapOldPasswordClientsNeverFailAndEveryReplicaStaysLinked() throws EngineException {
        Secret next = password("overlap");
        Traffic old = Traffic.logins(cluster.nodes(), ACCOUNT, current).watchLinks(cluster.nodes(), ADMIN,
                ADMIN_PASSWORD);
        Traffic fresh;
        try (old) {
            engine().addPassword(next);
            engine().persist();
            RotationProof during = engine().prove(next, current);
            assertTrue(during.nextAcceptedEverywhere() && during.oldAcceptedEverywhere(), during.describe());
            fresh = Traffic.logins(cluster.nodes(), ACCOUNT, next).watchLinks(cluster.nodes(), ADMIN, ADMIN_PASSWORD);
            awaitLogins(old, 60);
        }
        try (fresh) {
            engine().removeOtherPasswords(next);
            engine().persist();
            awaitLogins(fresh, 60);
        }
        RotationProof after = engine().prove(next, current);
        current = next;

        assertEquals(0, old.loginFailures(), "old-password logins refused during the window: " + old.failures());
        assertEquals(0, fresh.loginFailures(), "new-password logins refused: " + fresh.failures());
        assertEquals(List.of(), List.copyOf(old.linkDown().entrySet()), "replica links down during the window");
        assertEquals(List.of(), List.copyOf(fresh.linkDown().entrySet()), "replica links down at the removal");
        assertTrue(after.nextAcceptedEverywhere() && after.oldRefusedEverywhere(), after.describe());
    }

    @Test
    void aReplicaKilledWhileOldPasswordsAreBeingRemovedRollsBackEveryOtherNode() throws EngineException {
        Secret next = password("never");
        Endpoint victim = replicas().getLast();
        AtomicBoolean killed = new AtomicBoolean();
        RedisDeploymentEngine gated = engine().withGate(step -> {
            if (step.phase() == Phase.NARROW && step.node().equals(victim.toString()) && !killed.get()) {
                killed.set(true);
                cluster.kill(victim);
            }
        });

        EngineException failure = assertThrows(EngineException.class, () -> gated.replace(next));

        assertTrue(killed.get());
        assertTrue(failure.getMessage().contains(victim.toString()), failure.getMessage());
        for (Endpoint node : cluster.nodes()) {
            if (node.equals(victim)) continue;
            assertEquals(Login.ACCEPTED, FreshLogin.attempt(node, ACCOUNT, current), "old password on " + node);
            assertEquals(Login.REFUSED, FreshLogin.attempt(node, ACCOUNT, next), "new password on " + node);
            assertEquals(current.reveal(), masterAuth(node), "masterauth of " + node);
        }
        cluster.restart(victim);
        engine().withLinkTimeout(SETTLE).requireLinksUp();
        assertEquals(Login.ACCEPTED, FreshLogin.attempt(victim, ACCOUNT, current), "the victim kept its saved state");
    }

    @Test
    void openAdoptsTheRunningNodesAndResumesAStoppedOne() throws EngineException {
        Endpoint stopped = replicas().getFirst();
        List<Long> others = cluster.nodes().stream().filter(node -> !node.equals(stopped)).map(cluster::pid).toList();
        cluster.kill(stopped);

        ClusterTopology reopened = ClusterTopology.open(dir.resolve("cluster"), ADMIN, ADMIN_PASSWORD, ACCOUNT);
        cluster = reopened;

        assertEquals(others, reopened.nodes().stream().filter(node -> !node.equals(stopped)).map(reopened::pid)
                .toList());
        assertTrue(reopened.isAlive(stopped));
        assertTrue(engine().prove(current, null).nextAcceptedEverywhere());
    }

    /** The engine knows one seed only: every other node must come from the cluster itself. */
    private static RedisDeploymentEngine engine() {
        return RedisDeploymentEngine.cluster(List.of(cluster.nodes().getFirst()), ADMIN, ADMIN_PASSWORD, ACCOUNT);
    }

    private static List<Endpoint> replicas() throws EngineException {
        return engine().prove(null, null).nodes().stream().filter(node -> node.role() == NodeRole.REPLICA)
                .map(node -> cluster.nodes().stream().filter(n -> n.toString().equals(node.address())).findFirst()
                        .orElseThrow())
                .toList();
    }

    private static String masterAuth(Endpoint node) {
        try (Jedis admin = new Jedis(node.hostAndPort(), DefaultJedisClientConfig.builder().timeoutMillis(2000)
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED).user(ADMIN).password(ADMIN_PASSWORD.reveal())
                .build())) {
            return admin.configGet("masterauth").get("masterauth");
        }
    }

    private static void awaitLogins(Traffic traffic, long count) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (traffic.logins() + traffic.loginFailures() < count && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
        assertTrue(traffic.logins() >= count, "only " + traffic.logins() + " logins were made");
    }
}
