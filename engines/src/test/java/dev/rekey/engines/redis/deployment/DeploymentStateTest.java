package dev.rekey.engines.redis.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekey.core.EngineException;
import dev.rekey.core.EngineState;
import dev.rekey.core.Secret;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeploymentStateTest {

    private static final Secret OLD = Secret.of("Old pass with spaces #1");
    private static final Secret NEW = Secret.of("New-Pa55");
    private static final Endpoint PRIMARY = new Endpoint("127.0.0.1", 7001);
    private static final Endpoint REPLICA = new Endpoint("127.0.0.1", 7002);

    @Test
    void theEngineStateIsTheUnionOfTheNodesAndCarriesEveryNodeAsRestoreData() throws EngineException {
        DeploymentState state = new DeploymentState(List.of(
                new NodeState(PRIMARY, EngineState.of(Set.of(OLD.sha256Hex(), NEW.sha256Hex()), false), false,
                        new ReplicationLogin(true, Secret.of(""))),
                new NodeState(REPLICA, EngineState.of(Set.of(OLD.sha256Hex()), false), true,
                        new ReplicationLogin(true, OLD))));

        EngineState engineState = state.toEngineState();
        DeploymentState decoded = DeploymentState.decode(engineState.restoreData());

        assertEquals(Set.of(OLD.sha256Hex(), NEW.sha256Hex()), engineState.fingerprints());
        assertFalse(engineState.passwordFree());
        assertEquals(state.nodes().size(), decoded.nodes().size());
        NodeState replica = decoded.node(REPLICA).orElseThrow();
        assertTrue(replica.replica() && replica.replication().managed());
        assertTrue(OLD.sameAs(replica.replication().masterAuth()));
        assertFalse(decoded.node(PRIMARY).orElseThrow().replication().isSet());
        assertTrue(OLD.sameAs(decoded.replicationSecret().orElseThrow()));
    }

    @Test
    void restoreDataNeverShowsThePasswordInPlainText() {
        DeploymentState state = new DeploymentState(List.of(new NodeState(REPLICA,
                EngineState.of(Set.of(OLD.sha256Hex()), false), true, new ReplicationLogin(true, OLD))));

        assertFalse(state.toEngineState().restoreData().reveal().contains(OLD.reveal()));
        assertFalse(state.toEngineState().toString().contains(OLD.reveal()));
    }

    @Test
    void otherRestoreDataIsRefused() {
        assertThrows(EngineException.class, () -> DeploymentState.decode(Secret.of("user:pass\n")));
    }

    @Test
    void rulesWidenBeforeTheyNarrowAndSendOnlyHashes() throws EngineException {
        EngineState old = EngineState.of(Set.of(OLD.sha256Hex()), false);
        EngineState next = EngineState.of(Set.of(NEW.sha256Hex()), false);

        assertEquals(List.of("#" + NEW.sha256Hex()), AccessRules.widen(old, next));
        assertEquals(List.of("resetpass", "#" + NEW.sha256Hex()), AccessRules.narrow(old, next));
        assertEquals(List.of(), AccessRules.narrow(old, AccessRules.union(old, next)));
        assertEquals(List.of("nopass"), AccessRules.widen(old, EngineState.of(Set.of(), true)));
        assertEquals(List.of(), AccessRules.widen(EngineState.of(Set.of(), true), next));
        assertThrows(EngineException.class, () -> AccessRules.exactly(EngineState.of(Set.of("nothex"), false)));
    }

    @Test
    void clusterNodesListsEveryMemberButNodesInHandshake() throws EngineException {
        String reply = """
                8c05 127.0.0.1:51415@44195 slave 492d 0 1796398227870 2 connected
                492d 127.0.0.1:33879@59323 myself,master - 0 1796398227000 2 connected 0-8191
                d45e 127.0.0.1:47477@60643,node-3 slave,fail 1e79 0 1796398228071 1 connected
                aaaa 127.0.0.1:40000@50000 handshake - 0 0 0 disconnected
                1e79 :0@0 noaddr,master - 0 0 1 disconnected
                """;

        List<Endpoint> nodes = ClusterNodes.parse(reply, new Endpoint("127.0.0.1", 33879));

        assertEquals(List.of(new Endpoint("127.0.0.1", 51415), new Endpoint("127.0.0.1", 33879),
                new Endpoint("127.0.0.1", 47477)), nodes);
    }
}
