package dev.rekey.server;

import dev.rekey.core.CvmInstanceState;
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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Attaches an engine to every active instance, at start and when one is registered at run time, by one code path:
 * spawns (or re-adopts) the engines this node owns and connects to external ones. A spawned engine restarts with the
 * password it had, never the configured initial one.
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

    /**
     * At start: attaches the engine of every active instance, the configured ones as the file declares them (initial
     * password included) and those registered through the admin API as the store recorded them. A configured engine
     * that cannot be attached stops the start; a registered one is reported and left for the operator.
     */
    void provision(RekeyConfig config) {
        var configured = new HashMap<String, RekeyConfig.InstanceConfig>();
        config.instances().forEach(ic -> configured.put(ic.id(), ic));
        for (Instance instance : instances.active()) {
            RekeyConfig.InstanceConfig ic = configured.get(instance.id());
            if (ic != null) {
                attach(ic, true);
                continue;
            }
            try {
                attach(stored(instance), true);
            } catch (ConfigException e) {
                LOG.warn("{}", e.getMessage());
            }
        }
    }

    /**
     * The one way an engine is attached on this node, at start and at run time: spawns (or re-adopts) the engines this
     * node owns, reaches those another node owns or that run elsewhere. {@code lookUpVersion}: ask an external engine
     * its version now (at start) rather than leaving it to the health probe (a bulk registration). Fails with the
     * reason, after recording it for the admin view.
     */
    void attach(RekeyConfig.InstanceConfig ic, boolean lookUpVersion) {
        Instance instance = instances.find(ic.id()).orElseThrow();
        try {
            switch (ic.engine().kind()) {
                case REDIS -> attachRedis(instance, ic.engine(), lookUpVersion);
                case MEMCACHED -> attachMemcached(instance, ic.engine());
                case GUEST -> {
                    // A guest (its sandbox or its agent socket) is driven only by the node that owns it.
                    if (catalog.claimOwnership(instance.id(), nodeId)) guests.attach(instance, ic, engineDir);
                    else LOG.info("instance {}: its guest belongs to another node", ic.id());
                }
            }
        } catch (EngineException | IOException | ConfigException e) {
            String reason = "the engine could not be started or reached: " + e.getMessage();
            registry.failed(ic.id(), reason);
            throw new ConfigException("instances: " + ic.id() + ": " + reason);
        }
    }

    /** Forgets the instance's engine on this node; a process this node spawned for it is stopped. */
    void detach(String id) {
        guests.detach(id);
        registry.detach(id);
    }

    /**
     * An instance registered through the admin API, as the store recorded it: the engine block it was registered with
     * (no initial password: its engine exists already) and the admin password, opened.
     */
    RekeyConfig.InstanceConfig stored(Instance instance) {
        Map<String, String> ec = catalog.engineConfig(instance.id());
        boolean spawn = Boolean.parseBoolean(ec.get("spawn"));
        Secret admin = catalog.sealedAdmin(instance.id()).map(box::open).orElse(null);
        List<String> users = ec.containsKey("users") ? List.of(ec.get("users").split(",")) : List.of();
        RekeyConfig.EngineType type = EngineBlock.type(ec, switch (instance.engineKind()) {
            case REDIS -> RekeyConfig.EngineType.REDIS;
            case MEMCACHED -> RekeyConfig.EngineType.MEMCACHED;
            case GUEST -> RekeyConfig.EngineType.GUEST;
        });
        var engine = new RekeyConfig.EngineConfig(type, spawn, spawn ? null : instance.host(),
                spawn ? 0 : instance.port(), ec.get("admin-user"), admin, null, ec.get("user"), users, ec.get("channel"),
                EngineBlock.members(ec, "replicas"), EngineBlock.members(ec, "sentinels"), EngineBlock.members(ec, "nodes"),
                EngineBlock.shards(ec), instance.overlap());
        RekeyConfig.Os os = ec.containsKey("os") ? RekeyConfig.Os.valueOf(ec.get("os").toUpperCase(Locale.ROOT)) : null;
        CvmInstanceState state = ec.containsKey("state") ? CvmInstanceState.valueOf(ec.get("state")) : null;
        return new RekeyConfig.InstanceConfig(instance.id(), instance.tenant(), instance.product(), instance.region(),
                instance.name(), engine, os, ec.get("image"), state, ec.get("engine-version"), null);
    }

    private void attachRedis(Instance instance, RekeyConfig.EngineConfig e, boolean lookUpVersion) throws EngineException, IOException {
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
        if (!lookUpVersion && !e.spawn()) return;
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
        registry.own(new EngineRegistry.SpawnedEngine(instance.id(), what + " of " + instance.id() + " (pid " + pid + ")", stop));
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
