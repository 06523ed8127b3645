package dev.rekey.server;

import dev.rekey.core.CvmInstanceState;
import dev.rekey.core.CvmOperations;
import dev.rekey.core.CvmPasswordPolicies;
import dev.rekey.core.EngineException;
import dev.rekey.core.GuestFleet;
import dev.rekey.core.GuestMachine;
import dev.rekey.core.Instance;
import dev.rekey.engines.guest.SandboxedGuest;
import dev.rekey.engines.guest.ShaCrypt;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The guests behind CVM instances this node owns: spawned sandboxed agents under {@code <data>/engines/<id>}
 * (stopped when Rekey stops) and channels to real VMs' agents. At start every guest is attached first (a spawned one
 * runs, so an interrupted reset can be settled from its shadow file); once recovery has settled the operations cut
 * short by the last stop, {@link #settle} applies pinned states and stops the agents of instances in a stopped state.
 */
final class GuestMachines implements GuestFleet {
    private final Map<String, GuestMachine> machines = new ConcurrentHashMap<>();
    private final Map<String, CvmInstanceState> pins = new ConcurrentHashMap<>();
    private final EngineRegistry registry;

    GuestMachines(EngineRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Optional<GuestMachine> local(Instance instance) {
        return Optional.ofNullable(machines.get(instance.id()));
    }

    void attach(Instance instance, RekeyConfig.InstanceConfig ic, Path engineDir) throws EngineException {
        String os = ic.extra().getOrDefault("os", "linux").toLowerCase(Locale.ROOT);
        if (!os.equals("linux") && !os.equals("windows")) {
            throw new ConfigException("instances: " + ic.id() + ": os must be linux or windows, not '" + os + "'");
        }
        String image = ic.extra().getOrDefault("image", "");
        pinned(ic).ifPresent(p -> pins.put(instance.id(), p));
        var e = ic.engine();
        if (e.spawn()) {
            List<String> users = e.users().isEmpty()
                    ? List.of(CvmPasswordPolicies.defaultUser(os.equals("windows"), image)) : e.users();
            spawn(instance.id(), engineDir.resolve(instance.id()), users, e);
        } else {
            machines.put(instance.id(), new ChannelGuestMachine(channel(ic)));
        }
    }

    /** Started once even when stopped, so that a fresh guest gets its users and initial hashes. */
    private void spawn(String id, Path dir, List<String> users, RekeyConfig.EngineConfig e) throws EngineException {
        var initialHashes = new LinkedHashMap<String, String>();
        if (e.initialPassword() != null) users.forEach(u -> initialHashes.put(u, ShaCrypt.sha512Crypt(e.initialPassword())));
        var machine = new SpawnedGuestMachine(SandboxedGuest.start(dir, users, initialHashes));
        machines.put(id, machine);
        registry.own(new EngineRegistry.SpawnedEngine(id, "guest agent of " + id + " (" + dir + ")", machine::shutDown));
    }

    /** Forgets the instance's guest (its spawned agent, if any, is stopped by the registry's detach). */
    void detach(String id) {
        machines.remove(id);
        pins.remove(id);
    }

    /** After recovery: each instance's state settles (pinned, or where a transition was going); no agent runs in a stopped state. */
    void settle(CvmOperations cvm) {
        machines.forEach((id, machine) -> {
            CvmInstanceState state = cvm.settleAtStart(id, pins.get(id));
            if (machine instanceof SpawnedGuestMachine spawned && !state.agentRuns()) spawned.shutDown();
        });
    }

    private static Optional<CvmInstanceState> pinned(RekeyConfig.InstanceConfig ic) {
        String text = ic.extra().get("state");
        if (text == null) return Optional.empty();
        return Optional.of(CvmInstanceState.parse(text).orElseThrow(() -> new ConfigException("instances: " + ic.id()
                + ": state '" + text + "' is not a CVM instance state (RUNNING, STOPPED, RESCUE_MODE, FREEZING, ...)")));
    }

    private static Path channel(RekeyConfig.InstanceConfig ic) {
        String channel = ic.engine().channel();
        if (!channel.startsWith("unix:") || channel.length() == "unix:".length()) {
            throw new ConfigException("instances: " + ic.id() + ": engine.channel must be unix:/path/to/qga.sock");
        }
        return Path.of(channel.substring("unix:".length()));
    }
}
