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

/** The engine behind each instance, and the processes this node spawned, stopped when Rekey stops. */
final class EngineRegistry implements Engines, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EngineRegistry.class);
    private final Map<String, PasswordEngine> engines = new ConcurrentHashMap<>();
    private final List<SpawnedEngine> spawned = new ArrayList<>();

    /** A process this node owns and must stop: what it is (for the log) and how to stop it. */
    record SpawnedEngine(String description, Runnable stop) {
    }

    void register(String instanceId, PasswordEngine engine) {
        engines.put(instanceId, engine);
    }

    synchronized void own(SpawnedEngine process) {
        spawned.add(process);
    }

    @Override
    public Optional<PasswordEngine> local(Instance instance) {
        return Optional.ofNullable(engines.get(instance.id()));
    }

    @Override
    public synchronized void close() {
        for (SpawnedEngine p : spawned) {
            try {
                p.stop().run();
            } catch (RuntimeException e) {
                LOG.warn("could not stop {}: {}", p.description(), e.getMessage());
            }
        }
        spawned.clear();
    }
}
