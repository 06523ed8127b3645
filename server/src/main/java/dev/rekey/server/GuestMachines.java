package dev.rekey.server;

import dev.rekey.core.CvmInstanceState;
import dev.rekey.core.CvmPasswordPolicies;
import dev.rekey.core.CvmRecords;
import dev.rekey.core.EngineException;
import dev.rekey.core.GuestFleet;
import dev.rekey.core.GuestMachine;
import dev.rekey.core.Instance;
import dev.rekey.core.InstanceStore;
import dev.rekey.engines.guest.SandboxedGuest;
import dev.rekey.engines.guest.ShaCrypt;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The guests behind CVM instances: spawned sandboxed agents under {@code <data>/engines/<id>} (stopped when Rekey
 * stops) and channels to real VMs' agents. At start each instance's model is settled: an operation cut short by the
 * last stop becomes FAILED, a pinned {@code state:} is applied, and a spawned guest's agent runs only if the instance
 * is in a state with a running machine.
 */
final class GuestMachines implements GuestFleet {
    private final Map<String, GuestMachine> machines = new ConcurrentHashMap<>();
    private final CvmRecords records;
    private final EngineRegistry registry;

    GuestMachines(InstanceStore instances, EngineRegistry registry) {
        this.records = new CvmRecords(instances);
        this.registry = registry;
    }

    @Override
    public GuestMachine machine(Instance instance) throws EngineException {
        GuestMachine machine = machines.get(instance.id());
        if (machine == null) throw new EngineException("no guest is attached to instance " + instance.id());
        return machine;
    }

    void attach(Instance instance, RekeyConfig.InstanceConfig ic, Path engineDir) throws EngineException {
        String os = ic.extra().getOrDefault("os", "linux").toLowerCase(Locale.ROOT);
        if (!os.equals("linux") && !os.equals("windows")) {
            throw new ConfigException("instances: " + ic.id() + ": os must be linux or windows, not '" + os + "'");
        }
        String image = ic.extra().getOrDefault("image", "");
        records.describeImage(instance.id(), os, image);
        var e = ic.engine();
        if (e.spawn()) {
            List<String> users = e.users().isEmpty()
                    ? List.of(CvmPasswordPolicies.defaultUser(os.equals("windows"), image)) : e.users();
            spawn(instance.id(), engineDir.resolve(instance.id()), users, e, pinned(ic));
        } else {
            var machine = new ChannelGuestMachine(channel(ic));
            records.settleAtStart(instance.id(), pinned(ic), machine);
            machines.put(instance.id(), machine);
        }
    }

    /** The guest is started first, so an interrupted reset can be settled from its shadow file. */
    private void spawn(String id, Path dir, List<String> users, RekeyConfig.EngineConfig e, CvmInstanceState pinned)
            throws EngineException {
        var initialHashes = new LinkedHashMap<String, String>();
        if (e.initialPassword() != null) users.forEach(u -> initialHashes.put(u, ShaCrypt.sha512Crypt(e.initialPassword())));
        SandboxedGuest guest = SandboxedGuest.start(dir, users, initialHashes);
        var machine = new SpawnedGuestMachine(guest);
        CvmInstanceState state = records.settleAtStart(id, pinned, machine);
        // started once even when stopped, so that a fresh guest gets its users and initial hashes
        if (!state.agentRuns()) machine.shutDown();
        machines.put(id, machine);
        registry.own(new EngineRegistry.SpawnedEngine("guest agent of " + id + " (" + dir + ")", machine::shutDown));
    }

    private static CvmInstanceState pinned(RekeyConfig.InstanceConfig ic) {
        String text = ic.extra().get("state");
        if (text == null) return null;
        return CvmInstanceState.parse(text).orElseThrow(() -> new ConfigException("instances: " + ic.id()
                + ": state '" + text + "' is not a CVM instance state (RUNNING, STOPPED, RESCUE_MODE, FREEZING, ...)"));
    }

    private static Path channel(RekeyConfig.InstanceConfig ic) {
        String channel = ic.engine().channel();
        if (!channel.startsWith("unix:") || channel.length() == "unix:".length()) {
            throw new ConfigException("instances: " + ic.id() + ": engine.channel must be unix:/path/to/qga.sock");
        }
        return Path.of(channel.substring("unix:".length()));
    }
}
