package dev.rekey.engines.redis.deployment;

import dev.rekey.core.EngineException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where a deployment's nodes come from: a fixed list (primary, replicas, Sentinels) or a cluster asked every time. */
sealed interface Topology permits Topology.Fixed, Topology.Cluster {

    Members discover(AdminLogin login) throws EngineException;

    /** What changed in the membership since {@code members} was found, or empty when nothing did. */
    Optional<String> changedSince(Members members, List<NodeAdmin> admins) throws EngineException;

    /** Data nodes and Sentinels as configured; roles are read from the nodes, so a failover changes nothing here. */
    record Fixed(List<Endpoint> nodes, List<SentinelEndpoint> sentinels) implements Topology {
        public Fixed {
            nodes = List.copyOf(nodes);
            sentinels = List.copyOf(sentinels);
            if (nodes.isEmpty()) throw new IllegalArgumentException("a deployment needs at least one data node");
            if (Set.copyOf(nodes).size() != nodes.size()) throw new IllegalArgumentException("a node is listed twice");
        }

        @Override
        public Members discover(AdminLogin login) {
            return new Members(nodes, sentinels);
        }

        @Override
        public Optional<String> changedSince(Members members, List<NodeAdmin> admins) {
            return Optional.empty(); // replicas outside the list are caught by the link check
        }
    }

    /**
     * A Redis Cluster: every node is found with CLUSTER NODES from the first seed that answers, at every change; at
     * its end every node is asked again, so a node that joined meanwhile (or one that a seed did not know) fails
     * the change instead of being missed.
     */
    record Cluster(List<Endpoint> seeds) implements Topology {
        public Cluster {
            seeds = List.copyOf(seeds);
            if (seeds.isEmpty()) throw new IllegalArgumentException("a cluster needs at least one seed node");
        }

        @Override
        public Members discover(AdminLogin login) throws EngineException {
            List<String> failures = new ArrayList<>();
            for (Endpoint seed : seeds) {
                try (NodeAdmin admin = new NodeAdmin(seed, login)) {
                    return new Members(ClusterNodes.parse(admin.clusterNodes(), seed), List.of());
                } catch (EngineException e) {
                    failures.add(e.getMessage());
                }
            }
            throw new EngineException("no seed node of the cluster answered CLUSTER NODES: " + String.join("; ", failures));
        }

        @Override
        public Optional<String> changedSince(Members members, List<NodeAdmin> admins) throws EngineException {
            for (NodeAdmin admin : admins) {
                Set<Endpoint> seen = new LinkedHashSet<>(ClusterNodes.parse(admin.clusterNodes(), admin.endpoint()));
                for (Endpoint node : seen) {
                    if (!members.contains(node)) {
                        return Optional.of("node " + node + " joined the cluster during the change (seen by "
                                + admin.endpoint() + ")");
                    }
                }
                for (Endpoint node : members.nodes()) {
                    if (!seen.contains(node)) {
                        return Optional.of("node " + node + " left the cluster during the change (per "
                                + admin.endpoint() + ")");
                    }
                }
            }
            return Optional.empty();
        }
    }
}
