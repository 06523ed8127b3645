package dev.rekey.server;

import dev.rekey.api.Dialect;
import dev.rekey.api.Gateway;
import dev.rekey.api.HttpServer;
import dev.rekey.api.RequestClassifier.Route;
import dev.rekey.api.huawei.HuaweiDialect;
import dev.rekey.api.huawei.HuaweiSignatureVerifier;
import dev.rekey.api.aliyun.AliyunDialect;
import dev.rekey.api.aliyun.AliyunRedis;
import dev.rekey.api.aliyun.AliyunSignatureVerifier;
import dev.rekey.api.tencent.TencentCvm;
import dev.rekey.api.tencent.TencentCvmDescriber;
import dev.rekey.api.tencent.TencentDialect;
import dev.rekey.api.tencent.TencentRedis;
import dev.rekey.api.tencent.TencentRedisDescriber;
import dev.rekey.api.tencent.TencentSignatureVerifier;
import dev.rekey.core.AttributeChanges;
import dev.rekey.core.GuestPasswordResets;
import dev.rekey.core.GuestPower;
import dev.rekey.core.PasswordChanges;
import dev.rekey.core.RateLimiter;
import dev.rekey.core.SecretBox;
import dev.rekey.core.TaskRecovery;
import dev.rekey.core.TaskRunner;
import dev.rekey.store.Database;
import dev.rekey.store.DatabaseClock;
import dev.rekey.store.JdbcAuditLog;
import dev.rekey.store.JdbcCatalog;
import dev.rekey.store.JdbcInstanceStore;
import dev.rekey.store.JdbcKeyRing;
import dev.rekey.store.JdbcNonceRegistry;
import dev.rekey.store.JdbcRateWindows;
import dev.rekey.store.JdbcTaskStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The composition root: builds every part by hand, in dependency order, and stops them in reverse. */
public final class Rekey implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Rekey.class);
    private final Database db;
    private final EngineRegistry engines;
    private final TaskRunner runner;
    private final HttpServer http;
    private final Stores stores;

    /** The store-backed parts, exposed for tests and the CLI. */
    public record Stores(JdbcInstanceStore instances, JdbcTaskStore tasks, JdbcAuditLog audit, JdbcCatalog catalog) {
    }

    private Rekey(Database db, EngineRegistry engines, TaskRunner runner, HttpServer http, Stores stores) {
        this.db = db;
        this.engines = engines;
        this.runner = runner;
        this.http = http;
        this.stores = stores;
    }

    /**
     * Starts a node. {@code fixedClock} null means the database's clock (what production uses, so that nodes sharing
     * a database agree on time); tests pass their own.
     */
    public static Rekey start(RekeyConfig config, Clock fixedClock, String masterKeyFromEnv) {
        createDataFolder(config.data());
        SecretBox box = MasterKey.load(masterKeyFromEnv, config.keyFile() != null ? config.keyFile() : config.data().resolve("master.key"));
        Database db = Database.open(config.storeUrl());
        var engines = new EngineRegistry();
        var runner = new TaskRunner();
        String node = nodeId(config.data());
        try {
            Clock clock = fixedClock != null ? fixedClock : new DatabaseClock(db, Clock.systemUTC());
            var catalog = new JdbcCatalog(db, box, clock);
            catalog.checkMasterKey();
            long lease = config.taskLeaseSeconds() * 1000L;
            var instances = new JdbcInstanceStore(db, clock, node, lease);
            var tasks = new JdbcTaskStore(db, clock, lease, node);
            var audit = new JdbcAuditLog(db);
            new ConfigApplier(catalog, box).apply(config);
            var guests = new GuestMachines(instances, engines);
            new EngineProvisioner(catalog, instances, box, engines, config.data(), node, guests).provision(config);
            var recovery = new TaskRecovery(instances, tasks, engines, audit, box, clock);
            int recovered = recovery.recoverOrphans(node, true);
            if (recovered > 0) LOG.info("reconciled {} task(s) interrupted by the last stop", recovered);
            runner.every(java.time.Duration.ofSeconds(5), () -> recovery.recoverOrphans(node, false));
            var changes = new PasswordChanges(instances, tasks, engines, audit, box, clock, runner, crashTestPause());
            var rateLimiter = new RateLimiter(new JdbcRateWindows(db), clock);
            var keys = new JdbcKeyRing(db, box);
            Map<Route, Dialect> dialects = new EnumMap<>(Route.class);
            dialects.put(Route.TENCENT, new TencentDialect(new TencentSignatureVerifier(keys, clock), List.of(
                    new TencentRedis(changes, rateLimiter, config.limits(), new TencentRedisDescriber(instances)),
                    new TencentCvm(new GuestPasswordResets(instances, guests, audit, clock, runner, crashTestPause()), new GuestPower(instances, guests, audit, clock, runner),
                            new TencentCvmDescriber(instances), rateLimiter, config.limits()))));
            var nonces = new JdbcNonceRegistry(db, clock);
            dialects.put(Route.ALIYUN, new AliyunDialect(new AliyunSignatureVerifier(keys, nonces::firstUse, clock),
                    new AliyunRedis(changes, new AttributeChanges(instances, engines, changes, audit, clock), instances,
                            rateLimiter, config.limits())));
            dialects.put(Route.HUAWEI, new HuaweiDialect(new HuaweiSignatureVerifier(keys, clock), changes, instances,
                    rateLimiter, config.limits(), clock));
            HttpServer http = HttpServer.start(new Gateway(dialects), config.bind(), config.port());
            return new Rekey(db, engines, runner, http, new Stores(instances, tasks, audit, catalog));
        } catch (RuntimeException e) {
            runner.close();
            engines.close();
            db.close();
            throw e;
        }
    }

    /**
     * A pause between applying a change and verifying it, only for crash tests that kill a node at that moment
     * (REKEY_CRASH_TEST_PAUSE_MS). Unset in production: the pause is zero.
     */
    private static java.time.Duration crashTestPause() {
        String ms = System.getenv("REKEY_CRASH_TEST_PAUSE_MS");
        return ms == null ? java.time.Duration.ZERO : java.time.Duration.ofMillis(Long.parseLong(ms));
    }

    private static void createDataFolder(Path data) {
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new ConfigException("server.data: cannot create the data folder " + data + ": " + e.getMessage());
        }
    }

    /** A stable id for this node, kept in its data folder, recorded as the owner of the engines it spawns. */
    private static String nodeId(Path data) {
        Path file = data.resolve("node-id");
        try {
            if (!Files.exists(file)) Files.writeString(file, "node-" + UUID.randomUUID() + "\n");
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new ConfigException("server.data: cannot write " + file + ": " + e.getMessage());
        }
    }

    public int port() {
        return http.port();
    }

    public Stores stores() {
        return stores;
    }

    /** Stops taking requests, lets running tasks finish, stops spawned engines, closes the store. */
    @Override
    public void close() {
        http.close();
        runner.close();
        engines.close();
        db.close();
    }
}
