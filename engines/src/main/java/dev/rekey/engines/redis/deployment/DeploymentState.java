package dev.rekey.engines.redis.deployment;

import dev.rekey.core.EngineException;
import dev.rekey.core.EngineState;
import dev.rekey.core.Secret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every data node's state when a change started. As an {@link EngineState} it is the union of the nodes'
 * passwords (password-free only if every node is), with the per-node detail, masterauth included, as restore data:
 * the store seals it, and {@link RedisDeploymentEngine#restore} puts each node back as it was.
 */
record DeploymentState(List<NodeState> nodes) {

    private static final String HEADER = "redis-deployment-v1";

    DeploymentState {
        nodes = List.copyOf(nodes);
    }

    Optional<NodeState> node(Endpoint endpoint) {
        return nodes.stream().filter(node -> node.node().equals(endpoint)).findFirst();
    }

    /** The password replication logs in with now: a managed masterauth its own node accepts. */
    Optional<Secret> replicationSecret() {
        return nodes.stream()
                .filter(node -> node.replication().managed() && node.replication().isSet())
                .filter(node -> node.access().passwordFree() || node.access().accepts(node.replication().masterAuth()))
                .map(node -> node.replication().masterAuth())
                .findFirst();
    }

    EngineState toEngineState() {
        boolean allFree = nodes.stream().allMatch(node -> node.access().passwordFree());
        Set<String> union = new TreeSet<>();
        if (!allFree) nodes.forEach(node -> union.addAll(node.access().fingerprints()));
        return new EngineState(union, allFree, encode());
    }

    /** One line per node: host, port, nopass|pass, fingerprints, managed|unmanaged, replica|primary, base64 masterauth. */
    private Secret encode() {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (NodeState node : nodes) {
            EngineState access = node.access();
            text.append(String.join(" ", node.node().host(), Integer.toString(node.node().port()),
                    access.passwordFree() ? "nopass" : "pass",
                    access.fingerprints().isEmpty() ? "-" : String.join(",", new TreeSet<>(access.fingerprints())),
                    node.replication().managed() ? "managed" : "unmanaged",
                    node.replica() ? "replica" : "primary",
                    node.replication().isSet() ? Base64.getEncoder().encodeToString(
                            node.replication().masterAuth().reveal().getBytes(StandardCharsets.UTF_8)) : "-"))
                    .append('\n');
        }
        return Secret.of(text.toString());
    }

    static DeploymentState decode(Secret restoreData) throws EngineException {
        String[] lines = restoreData.reveal().split("\n");
        if (lines.length == 0 || !lines[0].equals(HEADER)) {
            throw new EngineException("this state holds no Redis deployment to restore");
        }
        List<NodeState> nodes = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(" ");
            if (f.length != 7) throw new EngineException("unreadable Redis deployment state, line " + (i + 1));
            try {
                Set<String> fingerprints = f[3].equals("-") ? Set.of() : new HashSet<>(Arrays.asList(f[3].split(",")));
                String masterAuth = f[6].equals("-") ? ""
                        : new String(Base64.getDecoder().decode(f[6]), StandardCharsets.UTF_8);
                nodes.add(new NodeState(new Endpoint(f[0], Integer.parseInt(f[1])),
                        EngineState.of(fingerprints, f[2].equals("nopass")), f[5].equals("replica"),
                        new ReplicationLogin(f[4].equals("managed"), Secret.of(masterAuth))));
            } catch (IllegalArgumentException e) {
                throw new EngineException("unreadable Redis deployment state, line " + (i + 1));
            }
        }
        return new DeploymentState(nodes);
    }
}
