package dev.rekey.engines.redis.deployment;

import static dev.rekey.engines.redis.deployment.Topologies.ADMIN;
import static dev.rekey.engines.redis.deployment.Topologies.ADMIN_PASSWORD;
import static dev.rekey.engines.redis.deployment.Topologies.AUTH_FAILURE_LOG;
import static dev.rekey.engines.redis.deployment.Topologies.password;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekey.core.EngineException;
import dev.rekey.core.Secret;
import dev.rekey.engines.redis.topology.ReplicatedTopology;
import dev.rekey.core.Login;
import dev.rekey.core.RotationProof;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;

/**
 * An account other than {@code default}: replicas log in with masteruser and masterauth, two Sentinels (quorum 2)
 * with auth-user and auth-pass, and {@code default} is switched off.
 */
class NamedAccountTopologyTest {

    private static final String ACCOUNT = "app";

    @Test
    void aNamedAccountRotatesOnEveryNodeAndBothSentinels(@TempDir Path dir) throws EngineException {
        Topologies.requireRedisServer();
        Secret initial = password("initial");
        try (ReplicatedTopology topology = ReplicatedTopology.start(dir.resolve("named"), 1, 2, ADMIN, ADMIN_PASSWORD,
                ACCOUNT, initial)) {
            RedisDeploymentEngine engine = topology.engine();
            Secret next = password("next");

            engine.replace(next);
            engine.persist();

            RotationProof proof = engine.prove(next, initial);
            assertTrue(proof.nextAcceptedEverywhere() && proof.oldRefusedEverywhere(), proof.describe());
            for (Endpoint node : topology.nodes()) {
                Map<String, String> config = adminConfig(node);
                assertEquals(ACCOUNT, config.get("masteruser"), "masteruser of " + node);
                assertEquals(next.reveal(), config.get("masterauth"), "masterauth of " + node);
                assertEquals(Login.REFUSED, FreshLogin.attempt(node, "default", initial), "default on " + node);
            }
            Endpoint replica = topology.nodes().getLast();
            topology.kill(replica);
            topology.restart(replica);
            engine.withLinkTimeout(Duration.ofSeconds(30)).requireLinksUp();
            for (Endpoint node : topology.nodes()) {
                assertFalse(topology.log(node).contains(AUTH_FAILURE_LOG), node + " logged " + AUTH_FAILURE_LOG);
            }
        }
    }

    private static Map<String, String> adminConfig(Endpoint node) {
        try (Jedis admin = new Jedis(node.hostAndPort(), DefaultJedisClientConfig.builder().timeoutMillis(2000)
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED).user(ADMIN).password(ADMIN_PASSWORD.reveal())
                .build())) {
            return admin.configGet("masteruser", "masterauth");
        }
    }
}
