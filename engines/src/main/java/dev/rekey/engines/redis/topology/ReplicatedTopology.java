package dev.rekey.engines.redis.topology;

import dev.rekey.core.EngineException;
import dev.rekey.core.Secret;
import dev.rekey.engines.redis.deployment.Endpoint;
import dev.rekey.engines.redis.deployment.RedisDeploymentEngine;
import dev.rekey.engines.redis.deployment.SentinelEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import redis.clients.jedis.Protocol;

/**
 * A primary with replicas and Sentinels that Rekey spawned and owns, in one folder: {@code node-0} (the first
 * primary), {@code node-1..N} (its replicas), {@code sentinel-0..M-1}, and {@code topology.properties}. Every node
 * has the same least-rights admin user; replicas log in to their primary as the account ({@code masterauth}, and
 * {@code masteruser} unless the account is {@code default}), Sentinels with {@code auth-pass}. The Sentinels watch
 * the primary as {@value #MASTER_NAME} and fail over after {@value NodeConfigs#SENTINEL_DOWN_AFTER_MILLIS} ms.
 */
public final class ReplicatedTopology implements AutoCloseable {

    public static final String MASTER_NAME = "mymaster";
    private static final String KIND = "replicated";
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);

    private final Path dir;
    private final Accounts accounts;
    private final NodeSet nodes;
    private final int replicas;
    private final int sentinels;

    private ReplicatedTopology(Path dir, Accounts accounts, NodeSet nodes, int replicas, int sentinels) {
        this.dir = dir.toAbsolutePath().normalize();
        this.accounts = accounts;
        this.nodes = nodes;
        this.replicas = replicas;
        this.sentinels = sentinels;
    }

    /**
     * Creates the folder and starts the primary, then {@code replicas} replicas, then {@code sentinels} Sentinels
     * (quorum: a majority), each on a free port; returns once every replica's link is up and every Sentinel sees
     * them all. Refuses a folder that already holds a topology: that one belongs to {@link #open}.
     */
    public static ReplicatedTopology start(Path dir, int replicas, int sentinels, String adminUser,
                                           Secret adminPassword, String account, Secret initialPassword)
            throws EngineException {
        Accounts accounts = new Accounts(adminUser, adminPassword, account);
        Objects.requireNonNull(initialPassword, "initialPassword");
        if (replicas < 0 || sentinels < 0) throw new IllegalArgumentException("counts cannot be negative");
        if (TopologyFile.exists(dir)) {
            throw new EngineException(dir + " already holds a topology; open() keeps its passwords, start() would not");
        }
        Properties values = new Properties();
        values.setProperty("kind", KIND);
        values.setProperty("replicas", Integer.toString(replicas));
        values.setProperty("sentinels", Integer.toString(sentinels));
        TopologyFile.write(dir, values);
        ReplicatedTopology topology = new ReplicatedTopology(dir, accounts, new NodeSet(accounts), replicas, sentinels);
        try {
            topology.spawn(initialPassword);
            return topology;
        } catch (EngineException | RuntimeException e) {
            topology.stop();
            throw e;
        }
    }

    /**
     * The topology in {@code dir} again, after a Rekey restart: each node still running is adopted, each stopped
     * one is started from its folder with the passwords it saved, on its own port.
     */
    public static ReplicatedTopology open(Path dir, String adminUser, Secret adminPassword, String account)
            throws EngineException {
        Accounts accounts = new Accounts(adminUser, adminPassword, account);
        Properties values = TopologyFile.read(dir, KIND);
        int replicas = TopologyFile.number(values, "replicas");
        int sentinels = TopologyFile.number(values, "sentinels");
        ReplicatedTopology topology = new ReplicatedTopology(dir, accounts, new NodeSet(accounts), replicas, sentinels);
        try {
            for (int i = 0; i <= replicas; i++) topology.nodes.adoptOrResume(topology.dataFolder(i));
            for (int j = 0; j < sentinels; j++) topology.nodes.adoptOrResume(topology.sentinelFolder(j));
            topology.engine().withLinkTimeout(SETTLE_TIMEOUT).requireLinksUp();
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

    /** The data nodes, {@code node-0} first. */
    public List<Endpoint> nodes() {
        return nodes.endpoints(false);
    }

    public List<SentinelEndpoint> sentinels() {
        return nodes.endpoints(true).stream().map(s -> new SentinelEndpoint(s, MASTER_NAME)).toList();
    }

    /** The node that is primary now: the one reporting {@code role:master} with the most replicas. */
    public Endpoint primary() throws EngineException {
        Endpoint best = null;
        int most = -1;
        for (Endpoint node : nodes()) {
            Map<String, String> info;
            try {
                info = Calls.infoFields(Calls.as(accounts.adminUser(), accounts.adminPassword(), node,
                        "read INFO replication", jedis -> jedis.info("replication")));
            } catch (EngineException down) {
                continue;
            }
            int connected = Integer.parseInt(info.getOrDefault("connected_slaves", "0"));
            if ("master".equals(info.get("role")) && connected > most) {
                best = node;
                most = connected;
            }
        }
        if (best == null) throw new EngineException("no node of " + dir + " reports itself primary");
        return best;
    }

    /** The engine for the account on every data node and Sentinel of this topology. */
    public RedisDeploymentEngine engine() {
        return RedisDeploymentEngine.replicated(nodes(), sentinels(), accounts.adminUser(), accounts.adminPassword(),
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

    /** SIGKILL by pid, as a crash would: the node loses whatever it had not saved. */
    public void kill(Endpoint node) {
        nodes.find(node).kill();
    }

    /** Starts a stopped or killed node again from its folder, on its port, with what it had saved. */
    public void restart(Endpoint node) throws EngineException {
        nodes.restart(node);
    }

    /** The whole log of a node or Sentinel (Redis never logs passwords). */
    public String log(Endpoint node) {
        return nodes.find(node).folder().logSince(0);
    }

    /** Every process stopped by pid. */
    public void stop() {
        nodes.stopAll();
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "ReplicatedTopology[" + dir + ", " + replicas + " replicas, " + sentinels + " sentinels]";
    }

    private void spawn(Secret password) throws EngineException {
        NodeFolder first = dataFolder(0);
        Endpoint primary = nodes.startFresh(first, port -> writeDataNode(first, port, password, null)).endpoint();
        for (int i = 1; i <= replicas; i++) {
            NodeFolder folder = dataFolder(i);
            nodes.startFresh(folder, port -> writeDataNode(folder, port, password, primary));
        }
        RedisDeploymentEngine.replicated(nodes(), List.of(), accounts.adminUser(), accounts.adminPassword(),
                accounts.account()).withLinkTimeout(SETTLE_TIMEOUT).requireLinksUp();
        int quorum = sentinels / 2 + 1;
        for (int j = 0; j < sentinels; j++) {
            NodeFolder folder = sentinelFolder(j);
            nodes.startFresh(folder, port -> folder.writePrivate(folder.conf(),
                    NodeConfigs.sentinel(folder, port, accounts, password, primary, MASTER_NAME, quorum)));
        }
        for (Endpoint sentinel : nodes.endpoints(true)) {
            Await.until(sentinel + " seeing every replica and Sentinel", SETTLE_TIMEOUT, () -> sentinelProblem(sentinel));
        }
        engine().withLinkTimeout(SETTLE_TIMEOUT).requireLinksUp();
    }

    private void writeDataNode(NodeFolder folder, int port, Secret password, Endpoint replicaOf)
            throws java.io.IOException {
        folder.writePrivate(folder.users(), NodeConfigs.users(accounts, password, false));
        folder.writePrivate(folder.conf(), NodeConfigs.dataNode(folder, port, accounts, password, replicaOf, 0));
    }

    private String sentinelProblem(Endpoint sentinel) throws EngineException {
        Map<String, String> master = Calls.pairs(Calls.as(accounts.adminUser(), accounts.adminPassword(), sentinel,
                "read SENTINEL MASTER", jedis -> jedis.sendCommand(Protocol.Command.SENTINEL, "MASTER", MASTER_NAME)));
        int knownReplicas = Integer.parseInt(master.getOrDefault("num-slaves", "0"));
        int otherSentinels = Integer.parseInt(master.getOrDefault("num-other-sentinels", "0"));
        if (knownReplicas < replicas) return "it knows " + knownReplicas + " of " + replicas + " replicas";
        if (otherSentinels < sentinels - 1) return "it knows " + otherSentinels + " of " + (sentinels - 1) + " Sentinels";
        return null;
    }

    private NodeFolder dataFolder(int index) {
        return new NodeFolder(dir.resolve("node-" + index), false);
    }

    private NodeFolder sentinelFolder(int index) {
        return new NodeFolder(dir.resolve("sentinel-" + index), true);
    }
}
