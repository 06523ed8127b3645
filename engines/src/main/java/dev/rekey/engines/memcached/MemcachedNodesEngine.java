package dev.rekey.engines.memcached;

import dev.rekey.core.EngineException;
import dev.rekey.core.EngineState;
import dev.rekey.core.Secret;
import dev.rekey.core.ChangeGate;
import dev.rekey.core.ChangeGate.Phase;
import dev.rekey.core.ChangeGate.Step;
import dev.rekey.core.NodeProof;
import dev.rekey.core.PasswordEngine;
import dev.rekey.core.RotationProof;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The password of one user on several memcached nodes that Rekey owns (each one's auth file). A change first adds
 * the new line on every node, then removes the others on every node, so a client that meets a changed and an
 * unchanged node in any order is accepted by both. All-or-nothing: if a node cannot take a step, every node that
 * did gets its previous auth file back and the failure names the node. Nodes are independent servers: no
 * replication links to keep.
 */
public final class MemcachedNodesEngine implements PasswordEngine {

    private static final String HEADER = "memcached-nodes-v1";

    private final List<MemcachedPasswordEngine> nodes;
    private final ChangeGate gate;

    private MemcachedNodesEngine(List<MemcachedPasswordEngine> nodes, ChangeGate gate) {
        this.nodes = List.copyOf(nodes);
        this.gate = gate;
        if (this.nodes.isEmpty()) throw new IllegalArgumentException("a memcached deployment needs a node");
    }

    public static MemcachedNodesEngine of(List<MemcachedPasswordEngine> nodes) {
        return new MemcachedNodesEngine(nodes, ChangeGate.OPEN);
    }

    /** The same engine, calling {@code gate} before every step on a node. */
    @Override
    public PasswordEngine gated(ChangeGate gate) {
        return withGate(gate);
    }

    public MemcachedNodesEngine withGate(ChangeGate gate) {
        return new MemcachedNodesEngine(nodes, Objects.requireNonNull(gate, "gate"));
    }

    /** The union of the nodes' passwords; every node's auth file travels as restore data. */
    @Override
    public EngineState read() throws EngineException {
        Set<String> union = new TreeSet<>();
        StringBuilder restore = new StringBuilder(HEADER).append('\n');
        for (MemcachedPasswordEngine node : nodes) {
            EngineState state = node.read();
            union.addAll(state.fingerprints());
            restore.append(node.address()).append(' ').append(Base64.getEncoder().encodeToString(
                    state.restoreData().reveal().getBytes(StandardCharsets.UTF_8))).append('\n');
        }
        return new EngineState(union, false, Secret.of(restore.toString()));
    }

    @Override
    public void replace(Secret next) throws EngineException {
        Map<MemcachedPasswordEngine, EngineState> before = readAll();
        List<MemcachedPasswordEngine> touched = new ArrayList<>();
        try {
            phase(Phase.WIDEN, touched, node -> node.addPassword(next));
            phase(Phase.NARROW, touched, node -> node.replace(next));
        } catch (EngineException e) {
            throw new EngineException(e.getMessage() + "; " + rollBack(before, touched), e);
        }
    }

    @Override
    public void addPassword(Secret next) throws EngineException {
        Map<MemcachedPasswordEngine, EngineState> before = readAll();
        List<MemcachedPasswordEngine> touched = new ArrayList<>();
        try {
            phase(Phase.WIDEN, touched, node -> node.addPassword(next));
        } catch (EngineException e) {
            throw new EngineException(e.getMessage() + "; " + rollBack(before, touched), e);
        }
    }

    @Override
    public void removeOtherPasswords(Secret keep) throws EngineException {
        Map<MemcachedPasswordEngine, EngineState> before = readAll();
        List<MemcachedPasswordEngine> touched = new ArrayList<>();
        try {
            phase(Phase.NARROW, touched, node -> node.replace(keep));
        } catch (EngineException e) {
            throw new EngineException(e.getMessage() + "; " + rollBack(before, touched), e);
        }
    }

    @Override
    public void makePasswordFree() throws EngineException {
        throw new EngineException("memcached instances always require a password");
    }

    /** Every node gets the auth file it had; every node is attempted, and the failures are named together. */
    @Override
    public void restore(EngineState previous) throws EngineException {
        Map<String, Secret> files = decode(previous);
        Map<String, String> failures = new LinkedHashMap<>();
        for (MemcachedPasswordEngine node : nodes) {
            Secret file = files.get(node.address());
            try {
                if (file == null) throw new EngineException("the state holds no auth file for " + node.address());
                node.restore(new EngineState(Set.of(), false, file));
            } catch (EngineException e) {
                failures.put(node.address(), e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new EngineException("restore failed on " + failures.keySet() + ": " + String.join("; ",
                    failures.values()));
        }
    }

    /** Nothing to do: every auth file write is already fsynced. */
    @Override
    public void persist() {
    }

    @Override
    public void verify(Secret expected, Secret rejected) throws EngineException {
        for (MemcachedPasswordEngine node : nodes) node.verify(expected, rejected);
    }

    @Override
    public void requireLinksUp() {
    }

    @Override
    public RotationProof prove(Secret next, Secret old) {
        List<NodeProof> proofs = new ArrayList<>();
        for (MemcachedPasswordEngine node : nodes) proofs.add(node.proof(next, old));
        return new RotationProof(Instant.now(), proofs);
    }

    @Override
    public String toString() {
        return "MemcachedNodesEngine" + nodes.stream().map(MemcachedPasswordEngine::address).toList();
    }

    @FunctionalInterface
    private interface NodeAction {
        void run(MemcachedPasswordEngine node) throws EngineException;
    }

    /**
     * One step on every node: the gate is asked for each node first, then the nodes work in parallel, since each
     * waits up to a second for memcached's reload tick. Fails naming every node that could not take the step.
     */
    private void phase(Phase phase, List<MemcachedPasswordEngine> touched, NodeAction action) throws EngineException {
        for (MemcachedPasswordEngine node : nodes) {
            gate.before(new Step(phase, node.address()));
            if (!touched.contains(node)) touched.add(node);
        }
        Map<String, String> failures = inParallel(nodes, action);
        if (!failures.isEmpty()) {
            throw new EngineException("memcached at " + failures.keySet() + " could not take the change: "
                    + String.join("; ", failures.values()));
        }
    }

    /** Runs {@code action} on every node at once; the failures by node address, sorted. */
    private static Map<String, String> inParallel(List<MemcachedPasswordEngine> targets, NodeAction action) {
        Map<String, String> failures = new ConcurrentHashMap<>();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (MemcachedPasswordEngine node : targets) {
                workers.submit(() -> {
                    try {
                        action.run(node);
                    } catch (EngineException | RuntimeException e) {
                        failures.put(node.address(), e.getMessage());
                    }
                });
            }
        }
        return new TreeMap<>(failures);
    }

    private Map<MemcachedPasswordEngine, EngineState> readAll() throws EngineException {
        Map<MemcachedPasswordEngine, EngineState> states = new LinkedHashMap<>();
        for (MemcachedPasswordEngine node : nodes) {
            try {
                states.put(node, node.read());
            } catch (EngineException e) {
                throw new EngineException("memcached at " + node.address() + ": " + e.getMessage(), e);
            }
        }
        return states;
    }

    private static String rollBack(Map<MemcachedPasswordEngine, EngineState> before,
                                   List<MemcachedPasswordEngine> touched) {
        if (touched.isEmpty()) return "no node had been changed";
        Map<String, String> failures = inParallel(touched, node -> node.restore(before.get(node)));
        if (failures.isEmpty()) return "rolled back on every node that had taken it";
        return "rollback incomplete on " + failures.keySet() + " (" + String.join("; ", failures.values()) + ")";
    }

    private static Map<String, Secret> decode(EngineState previous) throws EngineException {
        if (previous.restoreData() == null) throw new EngineException("this state holds no memcached auth files");
        String[] lines = previous.restoreData().reveal().split("\n");
        if (lines.length == 0 || !lines[0].equals(HEADER)) {
            throw new EngineException("this state holds no memcached nodes to restore");
        }
        Map<String, Secret> files = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String[] parts = lines[i].split(" ");
            if (parts.length != 2) throw new EngineException("unreadable memcached state, line " + (i + 1));
            try {
                files.put(parts[0], Secret.of(new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException e) {
                throw new EngineException("unreadable memcached state, line " + (i + 1));
            }
        }
        return files;
    }
}
