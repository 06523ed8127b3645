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

    private static void compare(String name, RedisDeploymentEngine engine, List<Endpoint> nodes, double seconds)
            throws Exception {
        int[] n = {0};
        double rotations = Measure.perSecond(seconds, () -> {
            engine.replace(Secret.of("Engine#Pass" + n[0]++));
            engine.persist();
        });
        Measure.figure(name + "_engine_rotation", rotations, "rotations/s");
        double floor = rawCommands(nodes, seconds);
        Measure.figure(name + "_raw_commands", floor, "rotations/s");
        Measure.ratio(name + "_engine_over_raw", rotations / floor);
    }

    private static double rawCommands(List<Endpoint> nodes, double seconds) throws Exception {
        List<Jedis> admins = new ArrayList<>();
        try {
            for (Endpoint node : nodes) {
                admins.add(new Jedis(new HostAndPort(node.host(), node.port()), DefaultJedisClientConfig.builder()
                        .serverDefaultProtocol().user(ADMIN).password(ADMIN_PASSWORD.reveal())
                        .clientSetInfoConfig(ClientSetInfoConfig.DISABLED).build()));
            }
            int[] n = {0};
            return Measure.perSecond(seconds, () -> {
                Secret next = Secret.of("Raw#Pass" + n[0]++);
                String hash = "#" + next.sha256Hex();
                for (Jedis admin : admins) admin.sendCommand(Protocol.Command.ACL, "SETUSER", "default", hash);
                for (Jedis admin : admins) admin.configSet("masterauth", next.reveal());
                for (Jedis admin : admins) {
                    admin.sendCommand(Protocol.Command.ACL, "SETUSER", "default", "resetpass", hash);
                }
                for (Jedis admin : admins) {
                    admin.sendCommand(Protocol.Command.ACL, "SAVE");
                    admin.configRewrite();
                }
            });
        } finally {
            admins.forEach(Jedis::close);
        }
    }
}
