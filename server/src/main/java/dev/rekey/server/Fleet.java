package dev.rekey.server;

import dev.rekey.core.Instance;
import dev.rekey.core.InstanceState;
import dev.rekey.store.JdbcCatalog;
import dev.rekey.store.JdbcFleet;
import dev.rekey.store.JdbcInstanceStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Instances registered, changed and retired at run time (the admin API): the same rows the configuration writes, and
 * the same attach path as at start. Nothing is half-registered: a batch is recorded in one transaction, and if an
 * engine cannot be spawned every instance of the batch is taken back. An external engine that does not answer yet is
 * registered all the same and shown unreachable (its health probe says so until it answers).
 */
public final class Fleet {
    private final JdbcFleet fleet;
    private final JdbcInstanceStore instances;
    private final ConfigApplier rows;
    private final EngineAttachments attachments;
    private final EngineProvisioner provisioner;
    private final EngineHealth health;
    private final String node;

    Fleet(JdbcFleet fleet, JdbcInstanceStore instances, ConfigApplier rows, EngineAttachments attachments,
          EngineProvisioner provisioner, EngineHealth health, String node) {
        this.fleet = fleet;
        this.instances = instances;
        this.rows = rows;
        this.attachments = attachments;
        this.provisioner = provisioner;
        this.health = health;
        this.node = node;
    }

    /** Why a change was not made: what kind of refusal, the field or id it concerns (null: the whole request). */
    public static final class Refused extends RuntimeException {
        public enum Kind { NOT_FOUND, CONFLICT, INVALID, UNAVAILABLE }

        private final Kind kind;
        private final String field;

        Refused(Kind kind, String field, String message) {
            super(message);
            this.kind = kind;
            this.field = field;
        }

        public Kind kind() {
            return kind;
        }

        public String field() {
            return field;
        }
    }

    /**
     * Registers every instance or none. A single registration asks its engine at once ({@code probe}), so the answer
     * can say whether it is reachable; a bulk one leaves that to the health rounds.
     */
    public List<String> register(List<RekeyConfig.InstanceConfig> entries, boolean probe) {
        for (int i = 0; i < entries.size(); i++) {
            String id = entries.get(i).id();
            if (instances.find(id).filter(x -> x.state() != InstanceState.RETIRED).isPresent()) {
                throw new Refused(Refused.Kind.CONFLICT, entries.size() == 1 ? "id" : "[" + i + "].id",
                        "the instance " + id + " is already registered");
            }
        }
        List<JdbcCatalog.InstanceRow> toRecord = entries.stream().map(rows::row).toList();
        List<JdbcFleet.Registered> registered;
        try {
            registered = fleet.register(toRecord, node);
        } catch (JdbcFleet.Conflict e) {
            throw new Refused(Refused.Kind.CONFLICT, null, e.getMessage());
        }
        var attached = new ArrayList<String>();
        for (RekeyConfig.InstanceConfig ic : entries) {
            try {
                attachments.attach(ic, false);
                attached.add(ic.id());
            } catch (ConfigException e) {
                attached.forEach(attachments::retiredHere);
                attachments.retiredHere(ic.id());
                fleet.unregister(registered);
                throw new Refused(Refused.Kind.UNAVAILABLE, null, e.getMessage() + "; nothing was registered");
            }
        }
        if (probe) attached.forEach(health::probe);
        return attached;
    }

    /**
     * Changes an instance registered through the API: its name and region, and how an external engine is reached.
     * What the instance is (tenant, product, engine kind, spawned or not) cannot change: retire it and register again.
     */
    public void update(String id, RekeyConfig.InstanceConfig next) {
        Instance now = active(id);
        if (!"api".equals(now.source())) {
            throw new Refused(Refused.Kind.CONFLICT, null, "the instance " + id
                    + " is declared in the configuration file: change it there");
        }
        RekeyConfig.InstanceConfig was = provisioner.stored(now);
        unchanged("tenant", was.tenant(), next.tenant());
        unchanged("product", was.product(), next.product());
        unchanged("engine.kind", was.engine().kind(), next.engine().kind());
        unchanged("engine.spawn", was.engine().spawn(), next.engine().spawn());
        if (next.engine().spawn() && engineChanged(was.engine(), next.engine())) {
            throw new Refused(Refused.Kind.INVALID, "engine", "a spawned engine's block cannot change (only the name and "
                    + "region can): retire the instance and register it again");
        }
        String before = fleet.attachment(id).map(JdbcFleet.Attachment::signature).orElse("");
        if (!fleet.update(rows.row(next))) throw new Refused(Refused.Kind.NOT_FOUND, null, "no active instance " + id);
        String after = fleet.attachment(id).map(JdbcFleet.Attachment::signature).orElse("");
        if (!before.equals(after)) {
            attachments.attach(next, false);
            health.probe(id);
        }
    }

    /** Retires an instance registered through the API; its history is kept and its spawned engine stopped. */
    public void retire(String id) {
        Instance now = active(id);
        if (!"api".equals(now.source())) {
            throw new Refused(Refused.Kind.CONFLICT, null, "the instance " + id
                    + " is declared in the configuration file: remove it there");
        }
        if (!fleet.retire(id)) {
            Instance again = active(id);
            throw new Refused(Refused.Kind.CONFLICT, null, "the instance " + id + " is applying operation "
                    + again.activeOperation() + "; retire it when that has finished");
        }
        attachments.retiredHere(id);
    }

    private Instance active(String id) {
        return instances.find(id).filter(i -> i.state() != InstanceState.RETIRED)
                .orElseThrow(() -> new Refused(Refused.Kind.NOT_FOUND, null, "no active instance " + id));
    }

    private static void unchanged(String field, Object was, Object next) {
        if (!Objects.equals(was, next)) {
            throw new Refused(Refused.Kind.INVALID, field, "cannot change (" + was + "): retire the instance and register it again");
        }
    }

    private static boolean engineChanged(RekeyConfig.EngineConfig was, RekeyConfig.EngineConfig next) {
        return !Objects.equals(was.adminUser(), next.adminUser()) || !Objects.equals(was.user(), next.user())
                || !was.users().equals(next.users()) || !Objects.equals(was.channel(), next.channel())
                || was.type() != next.type() || !was.replicas().equals(next.replicas())
                || !was.sentinels().equals(next.sentinels()) || !was.nodes().equals(next.nodes())
                || !Objects.equals(was.shards(), next.shards());
    }
}
