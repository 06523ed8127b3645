package dev.rekey.server;

import dev.rekey.core.EngineException;
import dev.rekey.core.Instance;
import dev.rekey.core.PasswordEngine;
import dev.rekey.core.Workers;
import dev.rekey.store.JdbcInstanceStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Whether each engine attached on this node answers: every round asks each one what it holds (a read that changes
 * nothing, bounded by the engine timeout), a few at a time. Guests are not probed: a stopped CVM's agent is down on
 * purpose. An engine whose version is not known yet has it looked up once it answers.
 */
public final class EngineHealth {
    /** How often every attached engine is asked. */
    static final Duration EVERY = Duration.ofSeconds(15);
    private static final int AT_ONCE = 8;
    private final EngineRegistry registry;
    private final JdbcInstanceStore instances;
    private final Clock clock;
    private final Map<String, Health> health = new ConcurrentHashMap<>();

    /** The last probe's answer: {@code problem} says why an engine is down, null when it is up. */
    public record Health(boolean up, String problem, Instant checkedAt) {
    }

    EngineHealth(EngineRegistry registry, JdbcInstanceStore instances, Clock clock) {
        this.registry = registry;
        this.instances = instances;
        this.clock = clock;
    }

    void start(Workers workers) {
        workers.submit(() -> {
            probeAll();
            return null;
        });
        workers.every(EVERY, this::probeAll);
    }

    /** Whether the instance's engine is attached on this node. */
    public boolean attachedHere(String id) {
        return registry.isAttached(id);
    }

    /** Why the instance's engine could not be attached on this node, if it could not. */
    public Optional<String> attachProblem(String id) {
        return registry.problem(id);
    }

    public Optional<Health> of(String id) {
        if (!registry.isAttached(id)) return Optional.empty();
        return Optional.ofNullable(health.get(id));
    }

    /** The engines attached here that answered (true) and did not (false) at their last probe. */
    public Map<Boolean, Long> counts() {
        long up = 0;
        long down = 0;
        for (String id : registry.attached().keySet()) {
            Health h = health.get(id);
            if (h == null) continue;
            if (h.up()) up++;
            else down++;
        }
        return Map.of(true, up, false, down);
    }

    /** Asks the instance's engine now; empty when no engine of it is attached here. */
    public Optional<Health> probe(String id) {
        PasswordEngine engine = registry.attached().get(id);
        if (engine == null) return Optional.empty();
        Health h;
        try {
            engine.read();
            h = new Health(true, null, clock.instant());
            lookUpVersion(id, engine);
        } catch (EngineException | RuntimeException e) {
            h = new Health(false, e.getMessage(), clock.instant());
        }
        health.put(id, h);
        return Optional.of(h);
    }

    private void lookUpVersion(String id, PasswordEngine engine) {
        if (!(engine instanceof dev.rekey.engines.redis.RedisPasswordEngine redis)) return;
        Optional<Instance> instance = instances.find(id);
        if (instance.isEmpty() || instance.get().engineVersion() != null) return;
        try {
            instances.setEngineVersion(id, redis.version());
        } catch (EngineException e) {
            // the next round asks again
        }
    }

    void probeAll() {
        health.keySet().retainAll(registry.attached().keySet());
        var gate = new Semaphore(AT_ONCE);
        var threads = new ArrayList<Thread>();
        for (String id : registry.attached().keySet()) {
            gate.acquireUninterruptibly();
            threads.add(Thread.ofVirtual().name("rekey-health").start(() -> {
                try {
                    probe(id);
                } finally {
                    gate.release();
                }
            }));
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
