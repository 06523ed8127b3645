package dev.rekey.engines.redis.deployment;

import static dev.rekey.engines.redis.deployment.Topologies.ACCOUNT;
import static dev.rekey.engines.redis.deployment.Topologies.ADMIN;
import static dev.rekey.engines.redis.deployment.Topologies.ADMIN_PASSWORD;
import static dev.rekey.engines.redis.deployment.Topologies.AUTH_FAILURE_LOG;
import static dev.rekey.engines.redis.deployment.Topologies.password;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekey.core.EngineException;
import dev.rekey.core.EngineState;
import dev.rekey.core.EngineStateCodec;
import dev.rekey.core.Secret;
import dev.rekey.engines.redis.topology.ReplicatedTopology;
import dev.rekey.core.ChangeGate.Phase;
import dev.rekey.core.Login;
import dev.rekey.core.NodeRole;
import dev.rekey.core.PasswordUse;
import dev.rekey.core.RotationProof;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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

/** A primary with two replicas and a Sentinel, started once for the class; every test leaves it healthy. */
class ReplicatedDeploymentTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    private static ReplicatedTopology topology;
    private static Secret current;

    @BeforeAll
    static void startTopology() throws EngineException {
        Topologies.requireRedisServer();
        current = password("initial");
        topology = ReplicatedTopology.start(dir.resolve("replicated"), 2, 1, ADMIN, ADMIN_PASSWORD, ACCOUNT, current);
    }

    @AfterAll
    static void stopTopology() {
        if (topology != null) topology.stop();
    }

    @AfterEach
    void everyNodeIsHealthyAgain() throws EngineException {
        engine().withLinkTimeout(SETTLE).requireLinksUp();
        for (Endpoint node : topology.nodes()) {
            assertFalse(topology.log(node).contains(AUTH_FAILURE_LOG), node + " logged " + AUTH_FAILURE_LOG);
        }
    }

    @Test
    void theTopologyRunsAPrimaryTwoReplicasAndASentinelOnTheCurrentPassword() throws EngineException {
        assertEquals(3, topology.nodes().size());
        assertEquals(1, topology.sentinels().size());
        assertEquals(Set.of(current.sha256Hex()), engine().read().fingerprints());
        RotationProof proof = engine().prove(current, null);
        assertTrue(proof.nextAcceptedEverywhere(), proof.describe());
        assertEquals(1, proof.nodes().stream().filter(node -> node.role() == NodeRole.PRIMARY).count());
        assertEquals(2, proof.nodes().stream().filter(node -> node.role() == NodeRole.REPLICA).count());
    }

    @Test
    void aRotationChangesEveryNodeAndEveryReplicationLogin() throws EngineException {
        Secret next = password("rotated");
        engine().replace(next);
        engine().persist();
        engine().verify(next, current);
        Secret old = current;
        current = next;

        RotationProof proof = engine().prove(next, old);
        assertTrue(proof.nextAcceptedEverywhere() && proof.oldRefusedEverywhere(), proof.describe());
        for (Endpoint node : topology.nodes()) assertEquals(next.reveal(), masterAuth(node), "masterauth of " + node);
        // a replica that starts again logs in to its primary with the masterauth it saved
        Endpoint replica = replicas().getFirst();
        topology.kill(replica);
        topology.restart(replica);
        engine().withLinkTimeout(SETTLE).requireLinksUp();
    }

    @Test
    void restorePutsBackEveryNodesPasswordAndMasterauthFromTheSealedState() throws EngineException {
        EngineState before = EngineStateCodec.decode(EngineStateCodec.encode(engine().read()));
        Secret next = password("undone");
        engine().replace(next);

        engine().restore(before);

        RotationProof proof = engine().prove(current, next);
        assertTrue(proof.nextAcceptedEverywhere() && proof.oldRefusedEverywhere(), proof.describe());
        for (Endpoint node : topology.nodes()) assertEquals(current.reveal(), masterAuth(node), "masterauth of " + node);
    }

    @Test
    void passwordFreeAccessReachesEveryNodeAndRestoreEndsIt() throws EngineException {
        EngineState before = engine().read();

        engine().makePasswordFree();
        engine().verify(null, null);
        assertTrue(engine().read().passwordFree());
        engine().restore(before);

        assertEquals(Set.of(current.sha256Hex()), engine().read().fingerprints());
        assertFalse(engine().read().passwordFree());
    }

    @Test
    void duringTheOverlapOldPasswordClientsNeverFailAndEveryReplicaStaysLinked() throws EngineException {
        Secret next = password("overlap");
        Traffic old = Traffic.logins(topology.nodes(), ACCOUNT, current).watchLinks(topology.nodes(), ADMIN,
                ADMIN_PASSWORD);
        Traffic fresh;
        try (old) {
            engine().addPassword(next);
            engine().persist();
            RotationProof during = engine().prove(next, current);
            assertTrue(during.nextAcceptedEverywhere() && during.oldAcceptedEverywhere(), during.describe());
            fresh = Traffic.logins(topology.nodes(), ACCOUNT, next).watchLinks(topology.nodes(), ADMIN,
                    ADMIN_PASSWORD);
            awaitLogins(old, 30);
        }
        try (fresh) {
            engine().removeOtherPasswords(next);
            engine().persist();
            awaitLogins(fresh, 30);
        }
        RotationProof after = engine().prove(next, current);
        current = next;

        assertEquals(0, old.loginFailures(), "old-password logins refused during the window: " + old.failures());
        assertEquals(0, fresh.loginFailures(), "new-password logins refused: " + fresh.failures());
        assertEquals(List.of(), List.copyOf(old.linkDown().entrySet()), "replica links down during the window");
        assertEquals(List.of(), List.copyOf(fresh.linkDown().entrySet()), "replica links down at the removal");
        assertTrue(old.linkSamples() > 0 && fresh.linkSamples() > 0);
        assertTrue(after.nextAcceptedEverywhere() && after.oldRefusedEverywhere(), after.describe());
    }

    @Test
    void aReplicaKilledMidChangeRollsBackEveryNodeAndTheOldPasswordStillWorks() throws EngineException {
        Secret next = password("never");
        Endpoint victim = replicas().getLast();
        AtomicBoolean killed = new AtomicBoolean();
        RedisDeploymentEngine gated = engine().withGate(step -> {
            if (step.phase() == Phase.REPLICA_AUTH && step.node().equals(victim.toString()) && !killed.get()) {
                killed.set(true);
                topology.kill(victim);
            }
        });

        EngineException failure = assertThrows(EngineException.class, () -> gated.replace(next));

        assertTrue(killed.get());
        assertTrue(failure.getMessage().contains(victim.toString()), failure.getMessage());
        for (Endpoint node : topology.nodes()) {
            if (node.equals(victim)) continue;
            assertEquals(Login.ACCEPTED, FreshLogin.attempt(node, ACCOUNT, current), "old password on " + node);
            assertEquals(Login.REFUSED, FreshLogin.attempt(node, ACCOUNT, next), "new password on " + node);
            assertEquals(current.reveal(), masterAuth(node), "masterauth of " + node);
        }
        topology.restart(victim);
        engine().withLinkTimeout(SETTLE).requireLinksUp();
        assertEquals(Login.ACCEPTED, FreshLogin.attempt(victim, ACCOUNT, current), "the victim kept its saved state");
    }

    @Test
    void aChangeWhileAReplicaIsDownFailsNamingItAndTouchesNoNode() throws EngineException {
        Secret next = password("refused");
        Endpoint down = replicas().getFirst();
        topology.kill(down);

        EngineException failure = assertThrows(EngineException.class, () -> engine().addPassword(next));

        assertTrue(failure.getMessage().contains(down.toString()), failure.getMessage());
        for (Endpoint node : topology.nodes()) {
            if (!node.equals(down)) assertEquals(Login.REFUSED, FreshLogin.attempt(node, ACCOUNT, next));
        }
        topology.restart(down);
    }

    @Test
    void telemetryCountsConnectionsOlderThanTheChangeAndOldPasswordLoginsRefusedAfterIt() throws Exception {
        Endpoint primary = topology.primary();
        Secret next = password("telemetry");
        try (Jedis longLived = client(primary)) {
            longLived.auth(ACCOUNT, current.reveal());
            awaitAgeOfAtLeastTwoSeconds(longLived);
            Instant changedAt = Instant.now();
            engine().addPassword(next);
            PasswordUse during = engine().passwordUse(changedAt, null);
            assertTrue(use(during, primary).openedBeforeChange() >= 1, during.toString());

            engine().removeOtherPasswords(next);
            engine().persist();
            Instant removedAt = Instant.now();
            assertEquals(Login.REFUSED, FreshLogin.attempt(primary, ACCOUNT, current));
            current = next;
            PasswordUse after = engine().passwordUse(changedAt, removedAt);
            assertTrue(use(after, primary).refusedLogins() >= 1, after.toString());
            assertTrue(use(after, primary).refusedFrom().contains("127.0.0.1"), after.toString());
            assertEquals("PONG", longLived.ping(), "a connection keeps its login when its password is removed");
        }
    }

    @Test
    void openAdoptsTheRunningNodesAndResumesAStoppedOne() throws EngineException {
        Endpoint stopped = replicas().getFirst();
        long stoppedPid = topology.pid(stopped);
        List<Long> others = topology.nodes().stream().filter(node -> !node.equals(stopped)).map(topology::pid).toList();
        topology.kill(stopped);

        ReplicatedTopology reopened = ReplicatedTopology.open(dir.resolve("replicated"), ADMIN, ADMIN_PASSWORD,
                ACCOUNT);
        topology = reopened;

        assertEquals(others, reopened.nodes().stream().filter(node -> !node.equals(stopped)).map(reopened::pid)
                .toList());
        assertNotEquals(stoppedPid, reopened.pid(stopped));
        assertTrue(reopened.engine().prove(current, null).nextAcceptedEverywhere());
    }

    @Test
    void aSentinelFailoverRightAfterAChangePromotesANodeThatHoldsTheNewPassword() throws Exception {
        Secret next = password("failover");
        engine().replace(next);
        engine().persist();
        Secret old = current;
        current = next;
        Endpoint formerPrimary = topology.primary();

        topology.kill(formerPrimary);
        Endpoint promoted = awaitSentinelPrimaryOtherThan(formerPrimary);

        assertEquals(Login.ACCEPTED, FreshLogin.attempt(promoted, ACCOUNT, next));
        assertEquals(Login.REFUSED, FreshLogin.attempt(promoted, ACCOUNT, old));
        topology.restart(formerPrimary);
        // the Sentinel reaches the restarted node on a new connection, with its auth-pass: only the new password works
        engine().withLinkTimeout(SETTLE).requireLinksUp();
        assertEquals(promoted, topology.primary());
        RotationProof proof = engine().prove(next, old);
        assertTrue(proof.nextAcceptedEverywhere() && proof.oldRefusedEverywhere(), proof.describe());
    }

    @Test
    void aFailoverInTheMiddleOfAChangeEndsWithEveryNodeOnTheOldPassword() throws Exception {
        Secret next = password("mid-failover");
        Endpoint formerPrimary = topology.primary();
        AtomicBoolean failedOver = new AtomicBoolean();
        // once every node accepts both passwords and the replication logins moved, the primary dies and a replica
        // is promoted; the change then meets the dead node and must put every live node back
        RedisDeploymentEngine gated = engine().withGate(step -> {
            if (step.phase() == Phase.NARROW && !failedOver.getAndSet(true)) {
                topology.kill(formerPrimary);
                try {
                    awaitSentinelPrimaryOtherThan(formerPrimary);
                } catch (InterruptedException e) {
                    throw new EngineException("interrupted");
                }
            }
        });

        EngineException failure = assertThrows(EngineException.class, () -> gated.replace(next));

        assertTrue(failure.getMessage().contains(formerPrimary.toString()), failure.getMessage());
        topology.restart(formerPrimary);
        engine().withLinkTimeout(SETTLE).requireLinksUp();
        assertNotEquals(formerPrimary, topology.primary());
        RotationProof proof = engine().prove(current, next);
        assertTrue(proof.nextAcceptedEverywhere() && proof.oldRefusedEverywhere(), proof.describe());
        for (Endpoint node : topology.nodes()) assertEquals(current.reveal(), masterAuth(node), "masterauth of " + node);
    }

    private static RedisDeploymentEngine engine() {
        return topology.engine();
    }

    private static List<Endpoint> replicas() throws EngineException {
        Endpoint primary = topology.primary();
        return topology.nodes().stream().filter(node -> !node.equals(primary)).toList();
    }

    private static String masterAuth(Endpoint node) {
        try (Jedis admin = client(node)) {
            admin.auth(ADMIN, ADMIN_PASSWORD.reveal());
            return admin.configGet("masterauth").get("masterauth");
        }
    }

    private static PasswordUse.NodeUse use(PasswordUse use, Endpoint node) {
        return use.nodes().stream().filter(n -> n.address().equals(node.toString())).findFirst().orElseThrow();
    }

    private static Jedis client(Endpoint node) {
        return new Jedis(node.hostAndPort(), DefaultJedisClientConfig.builder().timeoutMillis(2000)
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED).build());
    }

    /** Waits until every client thread made {@code count} logins, so the window was really exercised. */
    private static void awaitLogins(Traffic traffic, long count) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (traffic.logins() + traffic.loginFailures() < count && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
        assertTrue(traffic.logins() >= count, "only " + traffic.logins() + " logins were made");
    }

    /** CLIENT LIST ages are whole seconds: the connection must be older than the change by a full second or more. */
    private static void awaitAgeOfAtLeastTwoSeconds(Jedis connection) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (System.nanoTime() < deadline) {
            String info = connection.clientInfo();
            long age = Long.parseLong(info.replaceAll("(?s).*\\bage=(\\d+).*", "$1"));
            if (age >= 2) return;
            Thread.sleep(100);
        }
        throw new AssertionError("the connection never aged two seconds");
    }

    private static Endpoint awaitSentinelPrimaryOtherThan(Endpoint former) throws InterruptedException {
        Endpoint sentinel = topology.sentinels().getFirst().endpoint();
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (System.nanoTime() < deadline) {
            try (Jedis client = client(sentinel)) {
                List<String> address = client.sentinelGetMasterAddrByName(ReplicatedTopology.MASTER_NAME);
                Endpoint primary = new Endpoint(address.get(0), Integer.parseInt(address.get(1)));
                if (!primary.equals(former)) return primary;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the Sentinel did not fail over from " + former);
    }
}
