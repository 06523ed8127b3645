package dev.rekey.engines.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rekey.core.EngineException;
import dev.rekey.core.Secret;
import dev.rekey.core.Login;
import dev.rekey.core.NodeRole;
import dev.rekey.core.RotationProof;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The overlap primitives of the single-node engine. */
class RedisPasswordEngineOverlapTest {

    private static final Secret OLD = Secret.of("Old-Pa55-word-1");
    private static final Secret NEXT = Secret.of("Next-Pa55-word-2");

    private RedisProcess redis;
    private RedisPasswordEngine engine;

    @BeforeEach
    void startRedis(@TempDir Path dir) throws EngineException {
        try {
            RedisProcess.serverBinary();
        } catch (EngineException e) {
            if ("true".equals(System.getenv("CI"))) fail(e.getMessage());
            Assumptions.abort(e.getMessage());
        }
        redis = RedisProcess.start(dir, 0, "rekey-admin", Secret.of("admin-Pa55"), "default", OLD);
        engine = redis.engine();
    }

    @AfterEach
    void stopRedis() {
        if (redis != null) redis.stop();
    }

    @Test
    void anAddedPasswordWorksBesideTheOldOneUntilTheOthersAreRemoved() throws EngineException {
        engine.addPassword(NEXT);
        RotationProof during = engine.prove(NEXT, OLD);
        engine.removeOtherPasswords(NEXT);
        RotationProof after = engine.prove(NEXT, OLD);

        assertTrue(during.nextAcceptedEverywhere() && during.oldAcceptedEverywhere(), during.describe());
        assertTrue(after.nextAcceptedEverywhere() && after.oldRefusedEverywhere(), after.describe());
        assertEquals(NodeRole.PRIMARY, after.nodes().getFirst().role());
        assertEquals(Set.of(NEXT.sha256Hex()), engine.read().fingerprints());
    }

    @Test
    void aPasswordFreeAccountStaysSoUntilTheOthersAreRemoved() throws EngineException {
        engine.makePasswordFree();

        engine.addPassword(NEXT);
        assertTrue(engine.read().passwordFree());
        engine.removeOtherPasswords(NEXT);

        assertEquals(Set.of(NEXT.sha256Hex()), engine.read().fingerprints());
        assertEquals(Login.REFUSED, engine.prove(NEXT, OLD).nodes().getFirst().old());
    }

    @Test
    void aProofRecordsANodeThatDoesNotAnswer() {
        redis.stop();

        RotationProof proof = engine.prove(NEXT, null);

        assertEquals(Login.UNREACHABLE, proof.nodes().getFirst().next());
        assertEquals(Login.NOT_CHECKED, proof.nodes().getFirst().old());
        assertEquals(NodeRole.UNKNOWN, proof.nodes().getFirst().role());
    }
}
