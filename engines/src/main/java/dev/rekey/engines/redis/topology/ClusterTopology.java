package dev.rekey.engines.redis.topology;

import dev.rekey.core.EngineException;
import dev.rekey.core.Secret;
import dev.rekey.engines.FreePort;
import dev.rekey.engines.redis.deployment.Endpoint;
import dev.rekey.engines.redis.deployment.RedisDeploymentEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * A Redis Cluster that Rekey spawned and owns, in one folder: {@code node-0..S-1} (the primaries of S shards, slots
 * split evenly), then R replicas per shard, and {@code topology.properties}. Each node has its own client port and
 * cluster bus port ({@code cluster-port}), the same least-rights admin user, and logs in to its primary as the
 * account. The cluster is formed with CLUSTER ADDSLOTSRANGE, MEET and REPLICATE as the account, once, at start.
 */
public final class ClusterTopology implements AutoCloseable {

    private static final String KIND = "cluster";
    private static final int SLOTS = 16384;
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final Accounts accounts;
    private final NodeSet nodes;
    private final int shards;
    private final int replicasPerShard;

    private ClusterTopology(Path dir, Accounts accounts, NodeSet nodes, int shards, int replicasPerShard) {
        this.dir = dir.toAbsolutePath().normalize();
        this.accounts = accounts;
        this.nodes = nodes;
        this.shards = shards;
        this.replicasPerShard = replicasPerShard;
    }

    /** Starts {@code shards} primaries and {@code replicasPerShard} replicas each, and returns once the cluster is ok. */
    public static ClusterTopology start(Path dir, int shards, int replicasPerShard, String adminUser,
                                        Secret adminPassword, String account, Secret initialPassword)
            throws EngineException {
        Accounts accounts = new Accounts(adminUser, adminPassword, account);
        Objects.requireNonNull(initialPassword, "initialPassword");
        if (shards < 1 || replicasPerShard < 0) throw new IllegalArgumentException("a cluster needs 1 shard or more");
        if (TopologyFile.exists(dir)) {
            throw new EngineException(dir + " already holds a topology; open() keeps its passwords, start() would not");
        }
        Properties values = new Properties();
        values.setProperty("kind", KIND);
        values.setProperty("shards", Integer.toString(shards));
        values.setProperty("replicas-per-shard", Integer.toString(replicasPerShard));
        TopologyFile.write(dir, values);
        ClusterTopology topology = new ClusterTopology(dir, accounts, new NodeSet(accounts), shards, replicasPerShard);
        try {
            for (int i = 0; i < topology.size(); i++) {
                NodeFolder folder = topology.folder(i);
                topology.nodes.startFresh(folder, port -> topology.writeNode(folder, port, initialPassword));
            }
            new ClusterForming(topology.nodes(), shards, account, initialPassword).form();
            topology.settle();
            return topology;
        } catch (EngineException | RuntimeException e) {
            topology.stop();
            throw e;
        }
    }

    /** The cluster in {@code dir} again: running nodes adopted, stopped ones started from their folders. */
    public static ClusterTopology open(Path dir, String adminUser, Secret adminPassword, String account)
            throws EngineException {
        Accounts accounts = new Accounts(adminUser, adminPassword, account);
        Properties values = TopologyFile.read(dir, KIND);
        ClusterTopology topology = new ClusterTopology(dir, accounts, new NodeSet(accounts),
                TopologyFile.number(values, "shards"), TopologyFile.number(values, "replicas-per-shard"));
        try {
            for (int i = 0; i < topology.size(); i++) topology.nodes.adoptOrResume(topology.folder(i));
            topology.settle();
            return topology;
        } catch (EngineException | RuntimeException e) {
            topology.nodes.stopStarted();
            throw e;
        }
    }

    /** Whether {@code dir} holds a topology Rekey spawned (then {@link #open} takes it up again). */
    public static boolean exists(Path dir) {
        return TopologyFile.exists(dir);
    }

    /** Every node: the shards' first primaries, then their replicas. */
    public List<Endpoint> nodes() {
        return nodes.endpoints(false);
    }

    /** The engine for the account on every node, found from the cluster at every call (any node is a seed). */
    public RedisDeploymentEngine engine() {
        return RedisDeploymentEngine.cluster(nodes(), accounts.adminUser(), accounts.adminPassword(),
                accounts.account());
    }

    public Path dir() {
        return dir;
    }

    public long pid(Endpoint node) {
        return nodes.find(node).pid();
    }

    public boolean isAlive(Endpoint node) {
        return nodes.find(node).isAlive();
    }

    /** SIGKILL by pid, as a crash would. */
    public void kill(Endpoint node) {
        nodes.find(node).kill();
    }

    public void restart(Endpoint node) throws EngineException {
        nodes.restart(node);
    }

    /** The whole log of a node (Redis never logs passwords). */
    public String log(Endpoint node) {
        return nodes.find(node).folder().logSince(0);
    }

    public void stop() {
        nodes.stopAll();
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "ClusterTopology[" + dir + ", " + shards + " shards, " + replicasPerShard + " replicas each]";
    }

    /** Every node answers and says cluster_state:ok, and every replication link is up. */
    private void settle() throws EngineException {
        for (Endpoint node : nodes()) {
            Await.until("cluster_state:ok on " + node, SETTLE_TIMEOUT, () -> {
                String info = Calls.as(accounts.adminUser(), accounts.adminPassword(), node, "read CLUSTER INFO",
                        jedis -> jedis.clusterInfo());
                String state = Calls.infoFields(info).get("cluster_state");
                return "ok".equals(state) ? null : "cluster_state:" + state;
            });
        }
        engine().withLinkTimeout(SETTLE_TIMEOUT).requireLinksUp();
    }

    private void writeNode(NodeFolder folder, int port, Secret password) throws IOException {
        int busPort = FreePort.pick();
        folder.writePrivate(folder.users(), NodeConfigs.users(accounts, password, true));
        folder.writePrivate(folder.conf(), NodeConfigs.dataNode(folder, port, accounts, password, null, busPort));
    }

    private int size() {
        return shards * (1 + replicasPerShard);
    }

    private NodeFolder folder(int index) {
        return new NodeFolder(dir.resolve("node-" + index), false);
    }

    /** Slot ranges per shard: {@code SLOTS / shards} each, the last one taking the rest. */
    static List<int[]> slotRanges(int shards) {
        List<int[]> ranges = new ArrayList<>();
        int per = SLOTS / shards;
        for (int s = 0; s < shards; s++) ranges.add(new int[] {s * per, s == shards - 1 ? SLOTS - 1 : (s + 1) * per - 1});
        return ranges;
    }

    /** The replicas of shard {@code s} are nodes {@code shards + s * replicasPerShard + r}. */
    static Map<Integer, Integer> replicaOf(int shards, int replicasPerShard) {
        Map<Integer, Integer> primaries = new java.util.LinkedHashMap<>();
        for (int s = 0; s < shards; s++) {
            for (int r = 0; r < replicasPerShard; r++) primaries.put(shards + s * replicasPerShard + r, s);
        }
        return primaries;
    }
}
