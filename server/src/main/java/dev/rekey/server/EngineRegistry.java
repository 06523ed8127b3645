package dev.rekey.server;

import dev.rekey.core.Engines;
import dev.rekey.core.Instance;
import dev.rekey.core.PasswordEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine behind each instance attached on this node, the processes this node spawned (stopped when Rekey stops,
 * or when their instance is detached), and why an instance could not be attached here, if it could not.
 */
final class EngineRegistry implements Engines, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EngineRegistry.class);
    private final Map<String, PasswordEngine> engines = new ConcurrentHashMap<>();
    private final Map<String, String> problems = new ConcurrentHashMap<>();
    private final List<SpawnedEngine> spawned = new ArrayList<>();

    /** A process this node owns and must stop: its instance, what it is (for the log) and how to stop it. */
    record SpawnedEngine(String instanceId, String description, Runnable stop) {
    }

    void register(String instanceId, PasswordEngine engine) {
        engines.put(instanceId, engine);
        problems.remove(instanceId);
    }

    synchronized void own(SpawnedEngine process) {
        spawned.add(process);
    }

    /** The instance's engine could not be attached here, for this reason (shown by the admin API). */
    void failed(String instanceId, String reason) {
        problems.put(instanceId, reason);
    }

    Optional<String> problem(String instanceId) {
        return Optional.ofNullable(problems.get(instanceId));
    }

    boolean isAttached(String instanceId) {
        return engines.containsKey(instanceId);
    }

    /** The engines attached here, by instance id (a snapshot). */
    Map<String, PasswordEngine> attached() {
        return Map.copyOf(engines);
    }

    /** Forgets the instance's engine and stops the processes this node spawned for it. */
    void detach(String instanceId) {
        engines.remove(instanceId);
        problems.remove(instanceId);
        List<SpawnedEngine> stopping = new ArrayList<>();
        synchronized (this) {
            spawned.removeIf(p -> p.instanceId().equals(instanceId) && stopping.add(p));
        }
        stopping.forEach(EngineRegistry::stop);
    }

    @Override
    public Optional<PasswordEngine> local(Instance instance) {
        return Optional.ofNullable(engines.get(instance.id()));
    }

    @Override
    public synchronized void close() {
        spawned.forEach(EngineRegistry::stop);
        spawned.clear();
    }

    private static void stop(SpawnedEngine p) {
        try {
            p.stop().run();
        } catch (RuntimeException e) {
            LOG.warn("could not stop {}: {}", p.description(), e.getMessage());
        }
    }
}
