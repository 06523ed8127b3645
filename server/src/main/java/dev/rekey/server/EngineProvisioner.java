package dev.rekey.server;

import dev.rekey.core.EngineException;
import dev.rekey.core.Instance;
import dev.rekey.core.PasswordEngine;
import dev.rekey.core.Secret;
import dev.rekey.core.SecretBox;
import dev.rekey.engines.memcached.MemcachedPasswordEngine;
import dev.rekey.engines.memcached.MemcachedProcess;
import dev.rekey.engines.redis.RedisPasswordEngine;
import dev.rekey.engines.redis.RedisProcess;
import dev.rekey.store.JdbcCatalog;
import dev.rekey.store.JdbcInstanceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Attaches an engine to every active instance: spawns (or re-adopts) the engines this node owns and connects to
 * external ones. A spawned engine restarts with the password it had, never the configured initial one.
 */
final class EngineProvisioner {
    private static final Logger LOG = LoggerFactory.getLogger(EngineProvisioner.class);
    private final JdbcCatalog catalog;
    private final JdbcInstanceStore instances;
    private final SecretBox box;
    private final EngineRegistry registry;
    private final Path engineDir;
    private final String nodeId;
    private final GuestMachines guests;
    private final Duration timeout;
    private final DeploymentProvisioner deployments;

    EngineProvisioner(JdbcCatalog catalog, JdbcInstanceStore instances, SecretBox box, EngineRegistry registry, Path dataDir, String nodeId,
                      GuestMachines guests, Duration timeout) {
        this.catalog = catalog;
        this.instances = instances;
        this.box = box;
        this.registry = registry;
        this.engineDir = dataDir.resolve("engines");
        this.nodeId = nodeId;
        this.guests = guests;
        this.timeout = timeout;
        this.deployments = new DeploymentProvisioner(catalog, registry, engineDir, nodeId);
    }

    void provision(RekeyConfig config) {
        for (RekeyConfig.InstanceConfig ic : config.instances()) {
            Instance instance = instances.find(ic.id()).orElseThrow();
            try {
                switch (ic.engine().kind()) {
                    case REDIS -> attachRedis(instance, ic.engine());
                    case MEMCACHED -> attachMemcached(instance, ic.engine());
                    case GUEST -> {
                        // A guest (its sandbox or its agent socket) is driven only by the node that owns it.
                        if (catalog.claimOwnership(instance.id(), nodeId)) guests.attach(instance, ic, engineDir);
                        else LOG.info("instance {}: its guest belongs to another node", ic.id());
                    }
                }
            } catch (EngineException | IOException e) {
                throw new ConfigException("instances: " + ic.id() + ": the engine could not be started or reached: " + e.getMessage());
            }
        }
    }

    private void attachRedis(Instance instance, RekeyConfig.EngineConfig e) throws EngineException, IOException {
        Map<String, String> engineConfig = catalog.engineConfig(instance.id());
        Secret admin = box.open(catalog.sealedAdmin(instance.id()).orElseThrow());
        String adminUser = engineConfig.getOrDefault("admin-user", "rekey-admin");
        if (e.deployment()) {
            registry.register(instance.id(), deployments.redis(instance, e, adminUser, admin));
            Instance now = instances.find(instance.id()).orElseThrow();
            recordVersion(instance, new RedisPasswordEngine(now.host(), now.port(), adminUser, admin, "default", timeout));
            return;
        }
        RedisPasswordEngine engine;
        if (e.spawn() && !catalog.claimOwnership(instance.id(), nodeId)) {
            // Another node spawned this engine and owns it: reach it where that node recorded it.
            Instance owned = instances.find(instance.id()).orElseThrow();
            engine = new RedisPasswordEngine(owned.host(), owned.port(), adminUser, admin, "default", timeout);
        } else if (e.spawn()) {
            Path dir = engineDir.resolve(instance.id());
            RedisProcess process = spawnRedis(dir, adminUser, admin, e.initialPassword());
            own(instance, "redis-server", process.pid(), process.host(), process.port(), process::stop);
            engine = process.engine().withTimeout(timeout);
            warnIfInitialPasswordIgnored(instance, engine, e.initialPassword());
        } else {
            engine = new RedisPasswordEngine(e.host(), e.port(), adminUser, admin, "default", timeout);
        }
        registry.register(instance.id(), engine);
        recordVersion(instance, engine);
    }

    private void recordVersion(Instance instance, RedisPasswordEngine engine) {
        try {
            instances.setEngineVersion(instance.id(), engine.version());
        } catch (EngineException ex) {
            LOG.warn("instance {}: engine not answering at start: {}", instance.id(), ex.getMessage());
        }
    }

    /**
     * Memcached instances are always spawned (the configuration refuses anything else): Rekey must own the auth file.
     * The user is {@code engine.user}; the one login in the file is where its password lives across restarts. Only
     * the node that spawned it can rewrite that file.
     */
    private void attachMemcached(Instance instance, RekeyConfig.EngineConfig e) throws EngineException, IOException {
        if (!catalog.claimOwnership(instance.id(), nodeId)) {
            // The auth file is on the owner node's disk: only that node can change this instance's password.
            LOG.info("instance {}: its memcached belongs to another node, which applies its changes", instance.id());
            return;
        }
        if (e.deployment()) {
            registry.register(instance.id(), deployments.memcached(instance, e, timeout));
            return;
        }
        Path dir = engineDir.resolve(instance.id());
        MemcachedProcess process = spawnMemcached(dir, instance.port(), e.user(), e.initialPassword());
        own(instance, "memcached", process.pid(), process.host(), process.port(), process::stop);
        MemcachedPasswordEngine engine = process.engine(timeout);
        registry.register(instance.id(), engine);
        warnIfInitialPasswordIgnored(instance, engine, e.initialPassword());
        memcachedVersion(process).ifPresent(v -> instances.setEngineVersion(instance.id(), v));
    }

    /** This node now owns the spawned process: it stops it at shutdown, and records where it listens for the others. */
    private void own(Instance instance, String what, long pid, String host, int port, Runnable stop) {
        registry.own(new EngineRegistry.SpawnedEngine(what + " of " + instance.id() + " (pid " + pid + ")", stop));
        catalog.setAddress(instance.id(), host, port, nodeId);
    }

    private static MemcachedProcess spawnMemcached(Path dir, int lastPort, String user, Secret initial) throws EngineException {
        if (Files.exists(dir.resolve("auth"))) {
            try {
                return MemcachedProcess.adopt(dir);
            } catch (EngineException notRunning) {
                return MemcachedProcess.resume(dir, lastPort);
            }
        }
        if (user == null || user.isEmpty()) throw new EngineException("a memcached instance needs engine.user");
        return MemcachedProcess.start(dir, 0, user, initial);
    }

    /** The version of the binary that runs, asked without a login ({@code memcached --version}: "memcached 1.6.18"). */
    private static Optional<String> memcachedVersion(MemcachedProcess process) {
        Optional<String> binary = ProcessHandle.of(process.pid()).flatMap(h -> h.info().command());
        if (binary.isEmpty()) return Optional.empty();
        try {
            Process p = new ProcessBuilder(binary.get(), "--version").redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return out.startsWith("memcached ") ? Optional.of(out.substring("memcached ".length())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static RedisProcess spawnRedis(Path dir, String adminUser, Secret admin, Secret initial) throws EngineException, IOException {
        if (Files.exists(dir.resolve("redis.conf"))) {
            var adopted = RedisProcess.adopt(dir, adminUser, admin, "default");
            if (adopted.isPresent()) return adopted.get();
            return RedisProcess.resume(dir, adminUser, admin, "default");
        }
        return RedisProcess.start(dir, 0, adminUser, admin, "default", initial);
    }

    private static void warnIfInitialPasswordIgnored(Instance instance, PasswordEngine engine, Secret initial) {
        try {
            if (initial != null && !engine.read().accepts(initial)) {
                LOG.warn("instance {}: engine.password is only the initial password and differs from the "
                        + "current one; it is ignored so that a restart never undoes a change", instance.id());
            }
        } catch (EngineException ex) {
            LOG.warn("instance {}: could not read the engine at start: {}", instance.id(), ex.getMessage());
        }
    }
}
