package dev.rekey.engines.redis.topology;

import dev.rekey.core.EngineException;
import dev.rekey.core.Secret;
import dev.rekey.engines.redis.deployment.Endpoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Protocol;

/**
 * Forms a fresh cluster the way {@code redis-cli --cluster create} does, with plain commands as the account:
 * a distinct config epoch per node, slots to the primaries, MEET to the first node, then REPLICATE once every node
 * knows every other.
 */
final class ClusterForming {

    private static final Duration MEET_TIMEOUT = Duration.ofSeconds(30);

    private final List<Endpoint> nodes;
    private final int shards;
    private final String account;
    private final Secret password;

    ClusterForming(List<Endpoint> nodes, int shards, String account, Secret password) {
        this.nodes = nodes;
        this.shards = shards;
        this.account = account;
        this.password = password;
    }

    void form() throws EngineException {
        for (int i = 0; i < nodes.size(); i++) {
            long epoch = i + 1;
            call(nodes.get(i), "set its config epoch", jedis -> jedis.clusterSetConfigEpoch(epoch));
        }
        List<int[]> ranges = ClusterTopology.slotRanges(shards);
        for (int s = 0; s < shards; s++) {
            int[] range = ranges.get(s);
            call(nodes.get(s), "take its slots", jedis -> jedis.clusterAddSlotsRange(range[0], range[1]));
        }
        Endpoint first = nodes.getFirst();
        int busPort = busPort(first);
        for (Endpoint node : nodes.subList(1, nodes.size())) {
            call(node, "meet " + first, jedis -> jedis.sendCommand(Protocol.Command.CLUSTER, "MEET", first.host(),
                    Integer.toString(first.port()), Integer.toString(busPort)));
        }
        for (Endpoint node : nodes) {
            Await.until(node + " knowing every node", MEET_TIMEOUT, () -> knowsAll(node));
        }
        int replicasPerShard = (nodes.size() - shards) / shards;
        for (Map.Entry<Integer, Integer> pair : ClusterTopology.replicaOf(shards, replicasPerShard).entrySet()) {
            String primaryId = call(nodes.get(pair.getValue()), "say its id", jedis -> jedis.clusterMyId());
            call(nodes.get(pair.getKey()), "replicate " + nodes.get(pair.getValue()),
                    jedis -> jedis.clusterReplicate(primaryId));
        }
    }

    private String knowsAll(Endpoint node) throws EngineException {
        String reply = call(node, "read CLUSTER NODES", jedis -> jedis.clusterNodes());
        long known = reply.lines().filter(line -> !line.isBlank() && !line.contains("handshake")).count();
        return known == nodes.size() ? null : "it knows " + known + " of " + nodes.size() + " nodes";
    }

    private int busPort(Endpoint node) throws EngineException {
        String value = call(node, "read cluster-port", jedis -> jedis.configGet("cluster-port").get("cluster-port"));
        return Integer.parseInt(value);
    }

    private <T> T call(Endpoint node, String action, java.util.function.Function<redis.clients.jedis.Jedis, T> call)
            throws EngineException {
        return Calls.as(account, password, node, action, call);
    }

}
