package dev.rekey.engines.redis.deployment;

import dev.rekey.core.EngineException;
import dev.rekey.core.EngineState;
import dev.rekey.core.Secret;
import dev.rekey.core.ChangeGate;
import dev.rekey.core.Login;
import dev.rekey.core.NodeProof;
import dev.rekey.core.NodeRole;
import dev.rekey.core.OldPasswordTelemetry;
import dev.rekey.core.PasswordEngine;
import dev.rekey.core.PasswordUse;
import dev.rekey.core.RotationProof;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The password of one ACL user ({@code account}) on every node of a Redis deployment: a primary with replicas and
 * Sentinels ({@link #replicated}), or a Redis Cluster whose nodes are found with CLUSTER NODES at every call
 * ({@link #cluster}). The same least-rights admin user logs in to every node and Sentinel.
 *
 * <p>Every change is all-or-nothing across the nodes and never breaks replication: see {@link Change} for the
 * phases. A replica's {@code masterauth} (on the nodes whose replication logs in as the account: {@code masteruser}
 * unset for {@code default}, or equal to the account) and every Sentinel's {@code auth-pass} follow the account's
 * password; they are the only places a password is sent in plain text, because Redis needs it so to log in.
 * Nothing is saved by a change: {@link #persist} saves every node once all took it.
 *
 * <p>Instances are immutable and open their connections per call, so one engine serves any number of changes.
 */
public final class RedisDeploymentEngine implements PasswordEngine, OldPasswordTelemetry {

    /** How long a change waits for every replication link to be proven up. */
    public static final Duration DEFAULT_LINK_TIMEOUT = Duration.ofSeconds(10);

    private final Topology topology;
    private final AdminLogin login;
    private final ChangeGate gate;
    private final Duration linkTimeout;
    private final Clock clock;

    private RedisDeploymentEngine(Topology topology, AdminLogin login, ChangeGate gate, Duration linkTimeout,
                                  Clock clock) {
        this.topology = topology;
        this.login = login;
        this.gate = gate;
        this.linkTimeout = linkTimeout;
        this.clock = clock;
    }

    /** A primary with replicas ({@code nodes}, in any roles: roles are read from the nodes) and Sentinels. */
    public static RedisDeploymentEngine replicated(List<Endpoint> nodes, List<SentinelEndpoint> sentinels,
                                                   String adminUser, Secret adminPassword, String account) {
        return new RedisDeploymentEngine(new Topology.Fixed(nodes, sentinels),
                new AdminLogin(adminUser, adminPassword, account), ChangeGate.OPEN, DEFAULT_LINK_TIMEOUT,
                Clock.systemUTC());
    }

    /** A Redis Cluster reached through any of {@code seeds}; every node is found from the cluster itself. */
    public static RedisDeploymentEngine cluster(List<Endpoint> seeds, String adminUser, Secret adminPassword,
                                                String account) {
        return new RedisDeploymentEngine(new Topology.Cluster(seeds),
                new AdminLogin(adminUser, adminPassword, account), ChangeGate.OPEN, DEFAULT_LINK_TIMEOUT,
                Clock.systemUTC());
    }

    /** The same engine, calling {@code gate} before every step on a node (a lease check, a test's hook). */
    @Override
    public PasswordEngine gated(ChangeGate gate) {
        return withGate(gate);
    }

    public RedisDeploymentEngine withGate(ChangeGate gate) {
        return new RedisDeploymentEngine(topology, login, Objects.requireNonNull(gate, "gate"), linkTimeout, clock);
    }

    public RedisDeploymentEngine withLinkTimeout(Duration timeout) {
        return new RedisDeploymentEngine(topology, login, gate, Objects.requireNonNull(timeout, "timeout"), clock);
    }

    public RedisDeploymentEngine withClock(Clock clock) {
        return new RedisDeploymentEngine(topology, login, gate, linkTimeout, Objects.requireNonNull(clock, "clock"));
    }

    /** The data nodes a change would reach now (for a cluster: as found from the seeds). */
    public List<Endpoint> nodes() throws EngineException {
        return topology.discover(login).nodes();
    }

    /**
     * The union of the nodes' passwords (password-free only if every node is); every node's own state, masterauth
     * included, travels as restore data. Fails naming a node that does not answer.
     */
    @Override
    public EngineState read() throws EngineException {
        try (Change change = open()) {
            return change.before().toEngineState();
        }
    }

    @Override
    public void replace(Secret next) throws EngineException {
        Objects.requireNonNull(next, "next");
        EngineState only = EngineState.of(Set.of(next.sha256Hex()), false);
        change(before -> new Target(only, next), next);
    }

    @Override
    public void addPassword(Secret next) throws EngineException {
        Objects.requireNonNull(next, "next");
        EngineState added = EngineState.of(Set.of(next.sha256Hex()), false);
        change(before -> new Target(AccessRules.union(before.access(), added), next), next);
    }

    @Override
    public void removeOtherPasswords(Secret keep) throws EngineException {
        replace(keep);
    }

    /** Every node lets the account in without a password; replication logins are left as they are (any works). */
    @Override
    public void makePasswordFree() throws EngineException {
        EngineState free = EngineState.of(Set.of(), true);
        change(before -> new Target(free, null), null);
    }

    /**
     * Puts every node back as {@code previous} recorded it, masterauth and Sentinels' auth-pass included. A node that
     * was not recorded (it joined a cluster since) gets the union state and the recorded replication password.
     */
    @Override
    public void restore(EngineState previous) throws EngineException {
        if (previous.restoreData() == null) {
            throw new EngineException("this state holds no per-node detail to restore a Redis deployment from");
        }
        DeploymentState recorded = DeploymentState.decode(previous.restoreData());
        Secret replicationSecret = recorded.replicationSecret().orElse(null);
        EngineState common = EngineState.of(previous.fingerprints(), previous.passwordFree());
        try (Change change = open()) {
            Map<Endpoint, Target> targets = new LinkedHashMap<>();
            for (NodeState now : change.before().nodes()) {
                targets.put(now.node(), recorded.node(now.node())
                        .map(was -> new Target(was.access(), was.replication().managed()
                                ? was.replication().masterAuth() : null))
                        .orElse(new Target(common, replicationSecret)));
            }
            Secret sentinelAuth = change.members().sentinels().isEmpty() ? null : replicationSecret;
            change.apply(new Plan(targets, sentinelAuth));
        }
    }

    /** ACL SAVE on every node (CONFIG REWRITE where users live in redis.conf, and where masterauth follows the account). */
    @Override
    public void persist() throws EngineException {
        try (Change change = open()) {
            change.persist();
        }
    }

    @Override
    public void verify(Secret expected, Secret rejected) throws EngineException {
        for (Endpoint node : nodes()) {
            Login accepted = expected == null ? FreshLogin.attempt(node, login.account(), Secret.of("rekey-probe"))
                    : FreshLogin.attempt(node, login.account(), expected);
            if (accepted != Login.ACCEPTED) {
                throw new EngineException("verify: Redis at " + node + " " + describe(accepted)
                        + (expected == null ? " password-free access" : " the expected password") + " of '"
                        + login.account() + "'");
            }
            Login refused = FreshLogin.attempt(node, login.account(), rejected);
            if (refused == Login.ACCEPTED) {
                throw new EngineException("verify: Redis at " + node + " still accepts the rejected password of '"
                        + login.account() + "'");
            }
            if (refused == Login.UNREACHABLE) {
                throw new EngineException("verify: Redis at " + node + " did not answer the rejected-password login");
            }
        }
    }

    @Override
    public void requireLinksUp() throws EngineException {
        try (Change change = open()) {
            change.requireLinksUp();
        }
    }

    @Override
    public RotationProof prove(Secret next, Secret old) throws EngineException {
        Instant at = clock.instant();
        List<NodeProof> proofs = new ArrayList<>();
        for (Endpoint node : nodes()) {
            proofs.add(new NodeProof(node.toString(), role(node), FreshLogin.attempt(node, login.account(), next),
                    FreshLogin.attempt(node, login.account(), old)));
        }
        return new RotationProof(at, proofs);
    }

    @Override
    public PasswordUse passwordUse(Instant changedAt, Instant refusedSince) throws EngineException {
        Instant now = clock.instant();
        List<PasswordUse.NodeUse> uses = new ArrayList<>();
        for (Endpoint node : nodes()) {
            try (NodeAdmin admin = new NodeAdmin(node, login)) {
                uses.add(PasswordUseReader.read(admin, login.account(), changedAt,
                        refusedSince == null ? changedAt : refusedSince, clock));
            }
        }
        return new PasswordUse(now, uses);
    }

    @Override
    public String toString() {
        return "RedisDeploymentEngine[" + topology + ", account=" + login.account() + ", admin=" + login.user() + "]";
    }

    /** Opens a change, plans it from what every node holds now, checks the plan, and applies it. */
    private void change(Function<NodeState, Target> targetOf, Secret sentinelAuth) throws EngineException {
        try (Change change = open()) {
            Map<Endpoint, Target> targets = new LinkedHashMap<>();
            for (NodeState node : change.before().nodes()) targets.put(node.node(), targetOf.apply(node));
            boolean sentinelsMove = sentinelAuth != null && !change.members().sentinels().isEmpty()
                    && change.before().replicationSecret().map(now -> !now.sameAs(sentinelAuth)).orElse(true);
            Plan plan = new Plan(targets, sentinelsMove ? sentinelAuth : null);
            plan.check(change.members(), change.before());
            change.apply(plan);
        }
    }

    private Change open() throws EngineException {
        return Change.open(topology, login, gate, linkTimeout);
    }

    private NodeRole role(Endpoint node) {
        try (NodeAdmin admin = new NodeAdmin(node, login)) {
            String role = InfoFields.parse(admin.info("replication")).get("role");
            return "slave".equals(role) ? NodeRole.REPLICA : "master".equals(role) ? NodeRole.PRIMARY : NodeRole.UNKNOWN;
        } catch (EngineException e) {
            return NodeRole.UNKNOWN;
        }
    }

    private static String describe(Login login) {
        return switch (login) {
            case ACCEPTED -> "accepted";
            case REFUSED -> "refused";
            case UNREACHABLE -> "did not answer";
            case NOT_CHECKED -> "did not check";
        };
    }
}
