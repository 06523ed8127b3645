package dev.rekey.bench;

import dev.rekey.core.Secret;
import dev.rekey.engines.redis.deployment.Endpoint;
import dev.rekey.engines.redis.deployment.RedisDeploymentEngine;
import dev.rekey.engines.redis.topology.ClusterTopology;
import dev.rekey.engines.redis.topology.ReplicatedTopology;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

/**
 * Issue 11's benchmark: whole-deployment rotations per second through {@link RedisDeploymentEngine} (replace, then
 * persist: every node's password and masterauth changed and saved), on a primary with 2 replicas and on a 3-shard
 * cluster with a replica each, beside the floor: the raw commands the same end state needs, sent directly on one
 * open admin connection per node (ACL SETUSER to add, CONFIG SET masterauth, ACL SETUSER to narrow, ACL SAVE,
 * CONFIG REWRITE), with no reading, no link check and no discovery.
 */
final class TopologyRotationBench {
    private static final String ADMIN = "bench-admin";
    private static final Secret ADMIN_PASSWORD = Secret.of("Bench#Admin#Secret1");

    private TopologyRotationBench() {
    }

    static void run(Path dir, double seconds) throws Exception {
        try (ReplicatedTopology replicated = ReplicatedTopology.start(dir.resolve("replicated"), 2, 0, ADMIN,
                ADMIN_PASSWORD, "default", Secret.of("Bench#Pass0"))) {
            compare("primary_2_replicas", replicated.engine(), replicated.nodes(), seconds);
        }
        try (ClusterTopology cluster = ClusterTopology.start(dir.resolve("cluster"), 3, 1, ADMIN, ADMIN_PASSWORD,
                "default", Secret.of("Bench#Pass0"))) {
            compare("cluster_3_shards_1_replica", cluster.engine(), cluster.nodes(), seconds);
        }
    }

    /**
     * Both sides run in alternating slices of the same length, so the disk's and the machine's ups and downs
     * (every rotation ends with fsyncs: ACL SAVE, CONFIG REWRITE) fall on both alike.
     */
    private static void compare(String name, RedisDeploymentEngine engine, List<Endpoint> nodes, double seconds)
            throws Exception {
        int[] n = {0};
        Measure.Op throughEngine = () -> {
            engine.replace(Secret.of("Engine#Pass" + n[0]++));
            engine.persist();
        };
        try (RawRotation raw = new RawRotation(nodes)) {
            double[] rates = interleaved(seconds, throughEngine, raw::rotate);
            Measure.figure(name + "_engine_rotation", rates[0], "rotations/s");
            Measure.figure(name + "_raw_commands", rates[1], "rotations/s");
            Measure.ratio(name + "_engine_over_raw", rates[0] / rates[1]);
        }
    }

    private static double[] interleaved(double seconds, Measure.Op a, Measure.Op b) throws Exception {
        int slices = 10;
        long slice = (long) (seconds * 1e9 / slices);
        runFor(slice, a);
        runFor(slice, b);
        long[] counts = new long[2];
        long[] nanos = new long[2];
        for (int i = 0; i < slices; i++) {
            long start = System.nanoTime();
            counts[0] += runFor(slice, a);
            nanos[0] += System.nanoTime() - start;
            start = System.nanoTime();
            counts[1] += runFor(slice, b);
            nanos[1] += System.nanoTime() - start;
        }
        return new double[] {counts[0] / (nanos[0] / 1e9), counts[1] / (nanos[1] / 1e9)};
    }

    private static long runFor(long nanos, Measure.Op op) throws Exception {
        long end = System.nanoTime() + nanos;
        long count = 0;
        while (System.nanoTime() < end) {
            op.run();
            count++;
        }
        return count;
    }

    /** The floor: one open admin connection per node, and only the commands that change and save the state. */
    private static final class RawRotation implements AutoCloseable {
        private final List<Jedis> admins = new ArrayList<>();
        private int n;

        RawRotation(List<Endpoint> nodes) {
            for (Endpoint node : nodes) {
                admins.add(new Jedis(new HostAndPort(node.host(), node.port()), DefaultJedisClientConfig.builder()
                        .serverDefaultProtocol().user(ADMIN).password(ADMIN_PASSWORD.reveal())
                        .clientSetInfoConfig(ClientSetInfoConfig.DISABLED).build()));
            }
        }

        void rotate() {
            Secret next = Secret.of("Raw#Pass" + n++);
            String hash = "#" + next.sha256Hex();
            for (Jedis admin : admins) admin.sendCommand(Protocol.Command.ACL, "SETUSER", "default", hash);
            for (Jedis admin : admins) admin.configSet("masterauth", next.reveal());
            for (Jedis admin : admins) admin.sendCommand(Protocol.Command.ACL, "SETUSER", "default", "resetpass", hash);
            for (Jedis admin : admins) {
                admin.sendCommand(Protocol.Command.ACL, "SAVE");
                admin.configRewrite();
            }
        }

        @Override
        public void close() {
            admins.forEach(Jedis::close);
        }
    }
}
