package dev.rekey.engines.redis.topology;

import dev.rekey.core.EngineException;
import dev.rekey.engines.FreePort;
import dev.rekey.engines.redis.deployment.Endpoint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The processes of a topology, in a fixed order, each found by its endpoint; stopped by pid. */
final class NodeSet {

    private static final int PORT_ATTEMPTS = 5;

    /** Writes a node's config files for a port picked just now. */
    @FunctionalInterface
    interface ConfigWriter {
        void write(int port) throws IOException;
    }

    private final List<NodeProcess> processes = new ArrayList<>();
    private final List<NodeProcess> adopted = new ArrayList<>();
    private final Accounts accounts;

    NodeSet(Accounts accounts) {
        this.accounts = accounts;
    }

    /** Creates the node's folder, writes its files for a free port and starts it, picking again if the port is taken. */
    NodeProcess startFresh(NodeFolder folder, ConfigWriter writer) throws EngineException {
        for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
            try {
                folder.createPrivate();
                writer.write(FreePort.pick());
            } catch (IOException e) {
                throw new EngineException("cannot prepare " + folder.root() + ": " + e.getMessage(), e);
            }
            Optional<NodeProcess> started = NodeProcess.launch(folder, accounts.ping());
            if (started.isPresent()) return add(started.get());
        }
        throw new EngineException(folder.describe() + " found no free port in " + PORT_ATTEMPTS + " attempts");
    }

    /**
     * Adopts the node still running from {@code folder}, or starts it again from its files. Its port stays: replicas,
     * Sentinels and cluster peers know the node by it, so a taken port fails instead of moving.
     */
    NodeProcess adoptOrResume(NodeFolder folder) throws EngineException {
        Optional<NodeProcess> adopted = NodeProcess.adopt(folder, accounts.ping());
        if (adopted.isPresent()) {
            this.adopted.add(adopted.get());
            return add(adopted.get());
        }
        Optional<NodeProcess> resumed = NodeProcess.launch(folder, accounts.ping());
        if (resumed.isPresent()) return add(resumed.get());
        throw new EngineException(folder.describe() + " cannot listen on its port: it is taken; a topology's nodes "
                + "keep their ports, because their peers know them by it");
    }

    /** Starts again a node that was stopped or killed, from its folder. */
    void restart(Endpoint endpoint) throws EngineException {
        NodeProcess old = find(endpoint);
        if (old.isAlive()) throw new EngineException("node " + endpoint + " is still running");
        Optional<NodeProcess> resumed = NodeProcess.launch(old.folder(), accounts.ping());
        if (resumed.isEmpty()) throw new EngineException("node " + endpoint + " cannot listen on its port again");
        processes.set(processes.indexOf(old), resumed.get());
    }

    NodeProcess find(Endpoint endpoint) {
        return processes.stream().filter(node -> node.endpoint().equals(endpoint)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(endpoint + " is not a node of this topology"));
    }

    List<Endpoint> endpoints(boolean sentinels) {
        return processes.stream().filter(node -> node.folder().sentinel() == sentinels)
                .map(NodeProcess::endpoint).toList();
    }

    /** Every process stopped by pid, in reverse order (Sentinels first, so they do not fail over meanwhile). */
    void stopAll() {
        for (NodeProcess node : processes.reversed()) node.stop();
    }

    /**
     * The processes this set started itself stopped by pid; adopted ones are left running, so a failed
     * {@code open} does not take down nodes that were serving before it.
     */
    void stopStarted() {
        for (NodeProcess node : processes.reversed()) {
            if (!adopted.contains(node)) node.stop();
        }
    }

    private NodeProcess add(NodeProcess node) {
        processes.add(node);
        return node;
    }
}
