package dev.rekey.server;

import dev.rekey.core.EngineKind;
import dev.rekey.core.Instance;
import dev.rekey.store.JdbcFleet;
import dev.rekey.store.JdbcInstanceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;

/**
 * Keeps this node's attached engines in step with the store, so that an instance registered, changed or retired
 * through any node's admin API is served by every node within a second: when the catalog revision moves, each active
 * instance whose attachment facts changed is attached again (by {@link EngineProvisioner}'s one path), and a retired
 * one is detached (a process this node spawned for it is stopped).
 */
final class EngineAttachments {
    private static final Logger LOG = LoggerFactory.getLogger(EngineAttachments.class);
    private final JdbcFleet fleet;
    private final JdbcInstanceStore instances;
    private final EngineProvisioner provisioner;
    private final String node;
    /** This node's own configuration file: its entries say how this node reaches their engines. */
    private final java.util.Map<String, RekeyConfig.InstanceConfig> configured;
    /** The attachment facts each attached instance was attached with. */
    private final Map<String, String> attached = new HashMap<>();
    private long revision = -1;

    EngineAttachments(JdbcFleet fleet, JdbcInstanceStore instances, EngineProvisioner provisioner, String node,
                      java.util.List<RekeyConfig.InstanceConfig> configured) {
        this.fleet = fleet;
        this.instances = instances;
        this.provisioner = provisioner;
        this.node = node;
        this.configured = new HashMap<>();
        configured.forEach(ic -> this.configured.put(ic.id(), ic));
    }

    /** After the start's provisioning: what is attached now is in step with the store as it is now. */
    synchronized void started() {
        revision = fleet.revision();
        fleet.attachments().forEach(a -> attached.put(a.id(), a.signature()));
    }

    /** An instance this node just attached itself (registered or changed through its admin API). */
    synchronized void attachedHere(String id) {
        fleet.attachment(id).ifPresent(a -> attached.put(id, a.signature()));
    }

    /** An instance this node just retired: detached here now, not when the next round notices. */
    synchronized void retiredHere(String id) {
        provisioner.detach(id);
        attached.remove(id);
    }

    /**
     * Attaches an instance registered or changed at run time, under the same lock as {@link #sync} so that a round
     * cannot attach it a second time meanwhile.
     */
    synchronized void attach(RekeyConfig.InstanceConfig ic, boolean lookUpVersion) {
        if (attached.containsKey(ic.id())) provisioner.detach(ic.id());
        attached.remove(ic.id());
        provisioner.attach(ic, lookUpVersion);
        attachedHere(ic.id());
    }

    /** One round: nothing to do unless the revision moved. */
    synchronized void sync() {
        long now = fleet.revision();
        if (now == revision) return;
        revision = now;
        var active = new HashSet<String>();
        for (JdbcFleet.Attachment a : fleet.attachments()) {
            active.add(a.id());
            String signature = a.signature();
            if (signature.equals(attached.get(a.id()))) continue;
            if (notSpawnedYet(a)) continue;
            RekeyConfig.InstanceConfig own = configured.get(a.id());
            if (own != null && !spawnedElsewhere(a)) {
                // this node's file says how it reaches this engine, whatever another node's file recorded
                attached.put(a.id(), signature);
                continue;
            }
            if (attached.remove(a.id()) != null) provisioner.detach(a.id());
            try {
                Instance instance = instances.find(a.id()).orElseThrow();
                provisioner.attach(own != null ? own : provisioner.stored(instance), false);
                LOG.info("instance {}: engine attached here ({} through another node or the store)", a.id(),
                        a.source().equals("api") ? "registered or changed" : "changed");
            } catch (ConfigException | IllegalArgumentException e) {
                LOG.warn("instance {}: {}", a.id(), e.getMessage());
            }
            attachedHere(a.id());
        }
        for (String id : new HashSet<>(attached.keySet())) {
            if (active.contains(id)) continue;
            provisioner.detach(id);
            attached.remove(id);
            LOG.info("instance {}: retired, engine detached here", id);
        }
    }

    /** An engine another node spawned and owns: this node reaches it where that node records it, which may move. */
    private boolean spawnedElsewhere(JdbcFleet.Attachment a) {
        return "true".equals(a.engineConfig().get("spawn")) && a.ownerNode() != null && !node.equals(a.ownerNode());
    }

    /** A spawned engine another node is still starting: no address yet; its owner records one when it runs. */
    private boolean notSpawnedYet(JdbcFleet.Attachment a) {
        boolean spawned = "true".equals(a.engineConfig().get("spawn"));
        return spawned && a.kind() == EngineKind.REDIS && a.port() == 0 && !node.equals(a.ownerNode());
    }
}
