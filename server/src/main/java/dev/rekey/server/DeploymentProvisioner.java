package dev.rekey.server;

import dev.rekey.core.EngineException;
import dev.rekey.core.Instance;
import dev.rekey.core.PasswordEngine;
import dev.rekey.core.Secret;
import dev.rekey.engines.memcached.MemcachedNodesEngine;
import dev.rekey.engines.memcached.MemcachedPasswordEngine;
import dev.rekey.engines.memcached.MemcachedProcess;
import dev.rekey.engines.redis.deployment.Endpoint;
import dev.rekey.engines.redis.deployment.RedisDeploymentEngine;
import dev.rekey.engines.redis.deployment.SentinelEndpoint;
import dev.rekey.engines.redis.topology.ClusterTopology;
import dev.rekey.engines.redis.topology.ReplicatedTopology;
import dev.rekey.store.JdbcCatalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Engines of more than one server: a Redis primary with replicas and Sentinels, a Redis Cluster, several Memcached
 * nodes. Spawned ones are started (or taken up again after a restart) as a whole topology under
 * {@code <data>/engines/<id>}, owned by the node that spawned them, which records every member's address so that the
 * other nodes reach the same deployment; external ones are reached at the configured addresses.
 */
final class DeploymentProvisioner {
    private final JdbcCatalog catalog;
    private final EngineRegistry registry;
    private final Path engineDir;
    private final String nodeId;

    DeploymentProvisioner(JdbcCatalog catalog, EngineRegistry registry, Path engineDir, String nodeId) {
        this.catalog = catalog;
        this.registry = registry;
        this.engineDir = engineDir;
        this.nodeId = nodeId;
    }

    /** The engine of a replicated or clustered Redis; the instance's address becomes its first data node's. */
    PasswordEngine redis(Instance instance, RekeyConfig.EngineConfig e, String adminUser, Secret admin) throws EngineException {
        if (!e.spawn()) return external(e, adminUser, admin);
        if (!catalog.claimOwnership(instance.id(), nodeId)) return recorded(instance, e, adminUser, admin);
        Path dir = engineDir.resolve(instance.id());
        if (e.cluster()) {
            ClusterTopology topology = ClusterTopology.exists(dir) ? ClusterTopology.open(dir, adminUser, admin, "default")
                    : ClusterTopology.start(dir, e.shards(), e.replicas().count(), adminUser, admin, "default", e.initialPassword());
            own(instance, "redis cluster", topology.nodes(), List.of(), topology::stop);
            return topology.engine();
        }
        ReplicatedTopology topology = ReplicatedTopology.exists(dir) ? ReplicatedTopology.open(dir, adminUser, admin, "default")
                : ReplicatedTopology.start(dir, e.replicas().count(), e.sentinels().count(), adminUser, admin, "default",
                e.initialPassword());
        own(instance, "redis primary with replicas", topology.nodes(), topology.sentinels(), topology::stop);
        return topology.engine();
    }

    /** Several Memcached nodes, always spawned: one password, one all-or-nothing engine over every node's auth file. */
    PasswordEngine memcached(Instance instance, RekeyConfig.EngineConfig e, java.time.Duration timeout) throws EngineException {
        Path dir = engineDir.resolve(instance.id());
        var engines = new ArrayList<MemcachedPasswordEngine>();
        var processes = new ArrayList<MemcachedProcess>();
        try {
            for (int i = 0; i < e.nodes().count(); i++) {
                MemcachedProcess p = spawnMemcached(dir.resolve("node-" + i), e.user(), e.initialPassword());
                processes.add(p);
                engines.add(p.engine(timeout));
            }
        } catch (EngineException | RuntimeException failed) {
            processes.forEach(MemcachedProcess::stop);
            throw failed;
        }
        List<Endpoint> members = processes.stream().map(p -> new Endpoint(p.host(), p.port())).toList();
        own(instance, "memcached nodes", members, List.of(), () -> processes.forEach(MemcachedProcess::stop));
        return MemcachedNodesEngine.of(engines);
    }

    private static MemcachedProcess spawnMemcached(Path dir, String user, Secret initial) throws EngineException {
        if (Files.exists(dir.resolve("auth"))) {
            try {
                return MemcachedProcess.adopt(dir);
            } catch (EngineException notRunning) {
                return MemcachedProcess.resume(dir, 0);
            }
        }
        return MemcachedProcess.start(dir, 0, user, initial);
    }

    private static PasswordEngine external(RekeyConfig.EngineConfig e, String adminUser, Secret admin) {
        if (e.cluster()) {
            return RedisDeploymentEngine.cluster(endpoints(e.nodes()), adminUser, admin, "default");
        }
        var nodes = new ArrayList<Endpoint>();
        nodes.add(new Endpoint(e.host(), e.port()));
        nodes.addAll(endpoints(e.replicas()));
        List<SentinelEndpoint> sentinels = e.sentinels().listed().stream()
                .map(s -> new SentinelEndpoint(s.host(), s.port(), s.masterName())).toList();
        return RedisDeploymentEngine.replicated(nodes, sentinels, adminUser, admin, "default");
    }

    /** A deployment another node spawned: reached at the members that node recorded. */
    private PasswordEngine recorded(Instance instance, RekeyConfig.EngineConfig e, String adminUser, Secret admin)
            throws EngineException {
        JdbcCatalog.Members recorded = catalog.members(instance.id());
        List<Endpoint> members = parse(recorded.nodes());
        if (members.isEmpty()) throw new EngineException("the node that owns it has not recorded its members yet");
        if (e.cluster()) return RedisDeploymentEngine.cluster(members, adminUser, admin, "default");
        List<SentinelEndpoint> sentinels = parse(recorded.sentinels()).stream()
                .map(s -> new SentinelEndpoint(s, ReplicatedTopology.MASTER_NAME)).toList();
        return RedisDeploymentEngine.replicated(members, sentinels, adminUser, admin, "default");
    }

    private void own(Instance instance, String what, List<Endpoint> members, List<SentinelEndpoint> sentinels, Runnable stop) {
        registry.own(new EngineRegistry.SpawnedEngine(instance.id(), what + " of " + instance.id(), stop));
        Endpoint first = members.getFirst();
        catalog.setAddress(instance.id(), first.host(), first.port(), nodeId);
        catalog.setMembers(instance.id(), new JdbcCatalog.Members(join(members),
                sentinels.isEmpty() ? null : join(sentinels.stream().map(SentinelEndpoint::endpoint).toList())));
    }

    private static List<Endpoint> endpoints(RekeyConfig.Members members) {
        return members.listed().stream().map(a -> new Endpoint(a.host(), a.port())).toList();
    }

    private static String join(List<Endpoint> endpoints) {
        return String.join(",", endpoints.stream().map(Endpoint::toString).toList());
    }

    private static List<Endpoint> parse(String text) {
        if (text == null || text.isBlank()) return List.of();
        return Arrays.stream(text.split(",")).map(hp -> {
            int colon = hp.lastIndexOf(':');
            return new Endpoint(hp.substring(0, colon), Integer.parseInt(hp.substring(colon + 1)));
        }).toList();
    }
}
