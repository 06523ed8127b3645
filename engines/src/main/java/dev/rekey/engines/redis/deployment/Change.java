package dev.rekey.engines.redis.deployment;

import dev.rekey.core.EngineException;
import dev.rekey.core.ChangeGate;
import dev.rekey.core.ChangeGate.Phase;
import dev.rekey.core.ChangeGate.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One change of a deployment, holding an admin connection to every member for its length. It starts by finding the
 * members, reading every data node and pinging every Sentinel (one that does not answer fails the change before
 * anything is touched), then applies a {@link Plan} in phases, each on every node before the next begins:
 * <ol>
 *   <li>widen: every node accepts what it had and what it will have;</li>
 *   <li>move the replication logins: masterauth on the nodes whose replication logs in as the account, auth-pass on
 *       every Sentinel;</li>
 *   <li>prove every replication link up (Sentinels logged in again since their auth-pass was set);</li>
 *   <li>narrow: every node accepts exactly its target;</li>
 *   <li>check the membership did not change meanwhile (a cluster node that joined would be missed).</li>
 * </ol>
 * A failure anywhere puts every touched node and Sentinel back, phase by phase in the same widening order, and the
 * change fails naming the node. Passwords are never removed before the replication logins have moved, so a replica
 * or Sentinel that reconnects at any moment is accepted.
 */
final class Change implements AutoCloseable {

    private final Topology topology;
    private final Members members;
    private final List<NodeAdmin> nodes;
    private final List<SentinelAdmin> sentinels;
    private final DeploymentState before;
    private final ChangeGate gate;
    private final Duration linkTimeout;

    /** What a change touched, so that a rollback touches exactly that. */
    private static final class Touched {
        final Set<Endpoint> access = new LinkedHashSet<>();
        final Set<Endpoint> masterAuth = new LinkedHashSet<>();
        final Set<SentinelEndpoint> sentinels = new LinkedHashSet<>();
    }

    private Change(Topology topology, Members members, List<NodeAdmin> nodes, List<SentinelAdmin> sentinels,
                   DeploymentState before, ChangeGate gate, Duration linkTimeout) {
        this.topology = topology;
        this.members = members;
        this.nodes = nodes;
        this.sentinels = sentinels;
        this.before = before;
        this.gate = gate;
        this.linkTimeout = linkTimeout;
    }

    static Change open(Topology topology, AdminLogin login, ChangeGate gate, Duration linkTimeout)
            throws EngineException {
        Members members = topology.discover(login);
        List<NodeAdmin> nodes = members.nodes().stream().map(node -> new NodeAdmin(node, login)).toList();
        List<SentinelAdmin> sentinels = members.sentinels().stream().map(s -> new SentinelAdmin(s, login)).toList();
        try {
            List<NodeState> states = new ArrayList<>();
            for (NodeAdmin node : nodes) {
                boolean replica = "slave".equals(InfoFields.parse(node.info("replication")).get("role"));
                states.add(new NodeState(node.endpoint(), node.access(), replica, node.replicationLogin()));
            }
            for (SentinelAdmin sentinel : sentinels) sentinel.ping();
            return new Change(topology, members, nodes, sentinels, new DeploymentState(states), gate, linkTimeout);
        } catch (EngineException e) {
            nodes.forEach(NodeAdmin::close);
            sentinels.forEach(SentinelAdmin::close);
            throw e;
        }
    }

    Members members() {
        return members;
    }

    DeploymentState before() {
        return before;
    }

    List<NodeAdmin> nodes() {
        return nodes;
    }

    /** Applies {@code plan} to every member, or puts every member back and throws naming the node that failed. */
    void apply(Plan plan) throws EngineException {
        Touched touched = new Touched();
        try {
            widen(plan, touched);
            Map<SentinelEndpoint, Long> sentinelsSetAt = moveReplicationLogins(plan, touched);
            Links.await(members, nodes, sentinels, sentinelsSetAt, linkTimeout);
            narrow(plan, touched);
            Optional<String> changed = topology.changedSince(members, nodes);
            if (changed.isPresent()) throw new EngineException(changed.get());
        } catch (EngineException e) {
            throw new EngineException(e.getMessage() + "; " + rollBack(touched), e);
        }
    }

    /** Waits until every replication link is up, or fails naming the first that is not. */
    void requireLinksUp() throws EngineException {
        Links.await(members, nodes, sentinels, Map.of(), linkTimeout);
    }

    /** Saves every node; fails naming the node that could not, and those already saved. */
    void persist() throws EngineException {
        List<Endpoint> saved = new ArrayList<>();
        for (NodeAdmin node : nodes) {
            try {
                gate.before(new Step(Phase.PERSIST, node.endpoint().toString()));
                node.persist(before.node(node.endpoint()).orElseThrow().replication().managed());
                saved.add(node.endpoint());
            } catch (EngineException e) {
                throw new EngineException(e.getMessage() + "; saved before the failure: " + saved
                        + " (restore, then persist again, to save the restored state everywhere)", e);
            }
        }
    }

    private void widen(Plan plan, Touched touched) throws EngineException {
        for (NodeAdmin node : nodes) {
            NodeState was = state(node);
            List<String> rules = AccessRules.widen(was.access(), plan.target(node.endpoint()).access());
            if (rules.isEmpty()) continue;
            gate.before(new Step(Phase.WIDEN, node.endpoint().toString()));
            touched.access.add(node.endpoint());
            node.setUser("add the new password", rules);
        }
    }

    private Map<SentinelEndpoint, Long> moveReplicationLogins(Plan plan, Touched touched) throws EngineException {
        for (NodeAdmin node : nodes) {
            NodeState was = state(node);
            Target target = plan.target(node.endpoint());
            if (!was.replication().managed() || target.masterAuth() == null
                    || target.masterAuth().sameAs(was.replication().masterAuth())) {
                continue;
            }
            gate.before(new Step(Phase.REPLICA_AUTH, node.endpoint().toString()));
            touched.masterAuth.add(node.endpoint());
            node.setMasterAuth(target.masterAuth());
        }
        Map<SentinelEndpoint, Long> setAt = new LinkedHashMap<>();
        if (plan.sentinelAuth() == null) return setAt;
        for (SentinelAdmin sentinel : sentinels) {
            gate.before(new Step(Phase.SENTINEL_AUTH, sentinel.endpoint().toString()));
            touched.sentinels.add(sentinel.sentinel());
            sentinel.setAuth(plan.sentinelAuth());
            setAt.put(sentinel.sentinel(), System.nanoTime());
        }
        return setAt;
    }

    private void narrow(Plan plan, Touched touched) throws EngineException {
        for (NodeAdmin node : nodes) {
            List<String> rules = AccessRules.narrow(state(node).access(), plan.target(node.endpoint()).access());
            if (rules.isEmpty()) continue;
            gate.before(new Step(Phase.NARROW, node.endpoint().toString()));
            touched.access.add(node.endpoint());
            node.setUser("remove the other passwords", rules);
        }
    }

    /**
     * Puts back what {@code touched} names, widening first like a change does, so replication keeps working during
     * the rollback too. A node that does not answer cannot be put back; if it was killed it lost the change with
     * its memory (nothing is saved before every node took the change), and it loads its saved state on restart.
     */
    private String rollBack(Touched touched) {
        if (touched.access.isEmpty() && touched.masterAuth.isEmpty() && touched.sentinels.isEmpty()) {
            return "no node had been changed";
        }
        Map<String, String> failures = new LinkedHashMap<>();
        for (NodeAdmin node : touched(touched.access)) {
            attempt(failures, node.endpoint().toString(), () -> {
                List<String> rules = AccessRules.adding(state(node).access());
                if (!rules.isEmpty()) node.setUser("roll back (re-add the previous passwords)", rules);
            });
        }
        for (NodeAdmin node : touched(touched.masterAuth)) {
            attempt(failures, node.endpoint().toString(),
                    () -> node.setMasterAuth(state(node).replication().masterAuth()));
        }
        for (SentinelAdmin sentinel : sentinels) {
            if (!touched.sentinels.contains(sentinel.sentinel())) continue;
            attempt(failures, sentinel.sentinel().toString(),
                    () -> sentinel.setAuth(before.replicationSecret().orElseThrow()));
        }
        for (NodeAdmin node : touched(touched.access)) {
            attempt(failures, node.endpoint().toString(),
                    () -> node.setUser("roll back", AccessRules.exactly(state(node).access())));
        }
        if (failures.isEmpty()) return "rolled back on every node that had taken it";
        return "rollback incomplete on " + failures.keySet() + " (" + String.join("; ", failures.values())
                + "); a node that was down lost the change and loads its saved state when it restarts";
    }

    @FunctionalInterface
    private interface Action {
        void run() throws EngineException;
    }

    /** Every step is attempted on every node, even after one failed there: each moves it towards its old state. */
    private static void attempt(Map<String, String> failures, String node, Action action) {
        try {
            action.run();
        } catch (EngineException | RuntimeException e) {
            failures.putIfAbsent(node, e.getMessage());
        }
    }

    private List<NodeAdmin> touched(Set<Endpoint> endpoints) {
        return nodes.stream().filter(node -> endpoints.contains(node.endpoint())).toList();
    }

    private NodeState state(NodeAdmin node) {
        return before.node(node.endpoint()).orElseThrow();
    }

    @Override
    public void close() {
        nodes.forEach(NodeAdmin::close);
        sentinels.forEach(SentinelAdmin::close);
    }
}
