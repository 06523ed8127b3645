package dev.rekey.server;

import dev.rekey.api.Dialect;
import dev.rekey.api.Gateway;
import dev.rekey.api.HttpServer;
import dev.rekey.api.Pipeline;
import dev.rekey.api.RouteTable;
import dev.rekey.api.aliyun.AliyunDialect;
import dev.rekey.api.aliyun.AliyunRedisActions;
import dev.rekey.api.aliyun.AliyunRedisDescriber;
import dev.rekey.api.aliyun.AliyunRedisRoute;
import dev.rekey.api.aliyun.AliyunSignatureVerifier;
import dev.rekey.api.huawei.DcsActions;
import dev.rekey.api.huawei.DcsDescriber;
import dev.rekey.api.huawei.DcsLockout;
import dev.rekey.api.huawei.DcsRoute;
import dev.rekey.api.huawei.HuaweiDialect;
import dev.rekey.api.huawei.HuaweiSignatureVerifier;
import dev.rekey.api.tencent.TencentCvmActions;
import dev.rekey.api.tencent.TencentCvmDescriber;
import dev.rekey.api.tencent.TencentCvmRoute;
import dev.rekey.api.tencent.TencentDialect;
import dev.rekey.api.tencent.TencentRedisActions;
import dev.rekey.api.tencent.TencentRedisDescriber;
import dev.rekey.api.tencent.TencentRedisRoute;
import dev.rekey.api.tencent.TencentSignatureVerifier;
import dev.rekey.core.AttributeChanges;
import dev.rekey.core.AuditLog;
import dev.rekey.core.Cloud;
import dev.rekey.core.CvmOperations;
import dev.rekey.core.InstanceQueries;
import dev.rekey.core.Limits;
import dev.rekey.core.LeaseKeeper;
import dev.rekey.core.LockoutPolicy;
import dev.rekey.core.OperationWorker;
import dev.rekey.core.PasswordChanges;
import dev.rekey.core.Product;
import dev.rekey.core.RateLimiter;
import dev.rekey.core.RotationWindows;
import dev.rekey.core.SecretBox;
import dev.rekey.core.Workers;
import dev.rekey.store.Database;
import dev.rekey.store.DatabaseClock;
import dev.rekey.store.JdbcAuditLog;
import dev.rekey.store.JdbcCatalog;
import dev.rekey.store.JdbcInstanceStore;
import dev.rekey.store.JdbcKeyRing;
import dev.rekey.store.JdbcNonceRegistry;
import dev.rekey.store.JdbcRateWindows;
import dev.rekey.store.JdbcOperationStore;
import dev.rekey.store.JdbcFleet;
import dev.rekey.store.JdbcStats;
import dev.rekey.store.JdbcTenants;
import dev.rekey.server.admin.AdminRoutes;
import dev.rekey.server.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The composition root: builds every part by hand, in dependency order, and stops them in reverse. */
public final class Rekey implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Rekey.class);
    private final Database db;
    private final EngineRegistry engines;
    private final Workers workers;
    private final HttpServer http;
    private final AdminPort admin;
    private final Stores stores;

    /** The store-backed parts, exposed for tests and the CLI. */
    public record Stores(Database db, JdbcInstanceStore instances, JdbcOperationStore operations, JdbcAuditLog audit,
                         JdbcCatalog catalog, JdbcKeyRing keys) {
    }

    private Rekey(Database db, EngineRegistry engines, Workers workers, HttpServer http, AdminPort admin, Stores stores) {
        this.db = db;
        this.engines = engines;
        this.workers = workers;
        this.http = http;
        this.admin = admin;
        this.stores = stores;
    }

    /**
     * Starts a node. {@code fixedClock} null means the database's clock (what production uses, so that nodes sharing
     * a database agree on time); tests pass their own.
     */
    public static Rekey start(RekeyConfig config, Clock fixedClock, String masterKeyFromEnv) {
        createDataFolder(config.data());
        SecretBox box = MasterKey.load(masterKeyFromEnv, config.keyFile() != null ? config.keyFile() : config.data().resolve("master.key"));
        Database db = Database.open(config.storeUrl(), config.storePoolSize());
        var engines = new EngineRegistry();
        var workers = new Workers();
        String node = nodeId(config.data());
        try {
            Clock clock = fixedClock != null ? fixedClock : new DatabaseClock(db, Clock.systemUTC());
            var catalog = new JdbcCatalog(db, box, clock);
            catalog.checkMasterKey();
            Duration lease = Duration.ofSeconds(config.taskLeaseSeconds());
            var operations = new JdbcOperationStore(db, clock, node, lease);
            var instances = new JdbcInstanceStore(db, operations);
            var audit = new JdbcAuditLog(db);
            var tenants = new JdbcTenants(db, box, clock);
            var fleetStore = new JdbcFleet(db, clock);
            var applier = new ConfigApplier(catalog, tenants, fleetStore, box);
            applier.apply(config);
            var leases = new LeaseKeeper(operations, clock, stepBudget(config.engineTimeout()));
            leases.start(workers);
            var guests = new GuestMachines(engines);
            var cvm = new CvmOperations(instances, operations, guests, audit, clock, workers, leases, box);
            var provisioner = new EngineProvisioner(catalog, instances, box, engines, config.data(), node, guests, config.engineTimeout());
            provisioner.provision(config);
            var attachments = new EngineAttachments(fleetStore, instances, provisioner, node, config.instances());
            attachments.started();
            workers.every(ATTACHMENTS_EVERY, attachments::sync);
            var health = new EngineHealth(engines, instances, clock);
            health.start(workers);
            var metrics = new Metrics(new JdbcStats(db), clock, health::counts);
            var lockouts = Map.of(Product.HUAWEI_DCS, new LockoutPolicy(DcsLockout.MAX_ATTEMPTS,
                    Duration.ofMinutes(DcsLockout.lockMinutes(config.limits())), clock));
            var changes = new PasswordChanges(instances, operations, engines, audit, box, clock, workers, leases, lockouts,
                    FORWARD_WAIT);
            var worker = new OperationWorker(operations, node, changes, cvm, workers);
            int recovered = worker.recoverOrphans(true);
            if (recovered > 0) LOG.info("settled {} operation(s) interrupted by the last stop", recovered);
            guests.settle(cvm);
            worker.start(ASSIGNED_EVERY, orphansEvery(lease));
            var queries = new InstanceQueries(instances, operations);
            var attributes = new AttributeChanges(instances, queries, engines, changes);
            // the route tables: each product's route enum bound to the handlers built on the core's use cases
            var tencentRedis = RouteTable.of(TencentRedisRoute.class,
                    new TencentRedisActions(changes, queries, new TencentRedisDescriber(queries)));
            var tencentCvm = RouteTable.of(TencentCvmRoute.class,
                    new TencentCvmActions(cvm, new TencentCvmDescriber(queries)));
            var aliyunRedis = RouteTable.of(AliyunRedisRoute.class,
                    new AliyunRedisActions(attributes, changes, queries, new AliyunRedisDescriber(queries)));
            var huaweiDcs = RouteTable.of(DcsRoute.class,
                    new DcsActions(changes, queries, lockouts.get(Product.HUAWEI_DCS), new DcsDescriber(queries)));
            var keys = new JdbcKeyRing(db, box);
            var nonces = new JdbcNonceRegistry(db, clock);
            var requests = new Requests(new RateLimiter(metrics.counting(new JdbcRateWindows(db)), clock), config.limits(), audit, clock);
            Map<Cloud, Pipeline<?>> pipelines = Map.of(
                    Cloud.TENCENT, requests.pipeline(new TencentDialect(new TencentSignatureVerifier(keys, clock),
                            List.of(tencentRedis, tencentCvm))),
                    Cloud.ALIYUN, requests.pipeline(new AliyunDialect(
                            new AliyunSignatureVerifier(keys, nonces::firstUse, clock), aliyunRedis)),
                    Cloud.HUAWEI, requests.pipeline(new HuaweiDialect(new HuaweiSignatureVerifier(keys, clock), huaweiDcs)));
            HttpServer http = HttpServer.start(new Gateway(pipelines), config.bind(), config.port(), metrics);
            AdminPort admin = null;
            try {
                if (config.admin().enabled()) {
                    var fleet = new Fleet(fleetStore, instances, applier, attachments, provisioner, health, node);
                    var json = new InstanceJson(System::getenv, name -> tenants.find(name).isPresent());
                    admin = AdminPort.start(config, new AdminRoutes.Parts(tenants, keys, instances, catalog, operations,
                            audit, json, fleet, health, metrics::scrape, clock, node,
                            new RotationWindows(instances, operations, engines)));
                }
            } catch (RuntimeException e) {
                http.close();
                throw e;
            }
            return new Rekey(db, engines, workers, http, admin, new Stores(db, instances, operations, audit, catalog, keys));
        } catch (RuntimeException e) {
            workers.close();
            engines.close();
            db.close();
            throw e;
        }
    }

    /** What every cloud's pipeline shares: the fleet-wide request budgets, the configured limits and the audit log. */
    private record Requests(RateLimiter rateLimiter, Limits limits, AuditLog audit, Clock clock) {
        <R> Pipeline<R> pipeline(Dialect<R> dialect) {
            return new Pipeline<>(dialect, rateLimiter, limits, audit, clock);
        }
    }

    /**
     * The longest one engine step may take, a lease must outlast it before the step starts: a verification makes a few
     * calls, each bounded by the engine timeout; a guest agent call is bounded by its own 10 s.
     */
    private static Duration stepBudget(Duration engineTimeout) {
        Duration calls = engineTimeout.multipliedBy(3);
        return calls.compareTo(Duration.ofSeconds(10)) > 0 ? calls : Duration.ofSeconds(10);
    }
    /** How long a node waits for the owner of an engine it cannot reach to take a request up. */
    private static final Duration FORWARD_WAIT = Duration.ofSeconds(10);
    /** How often a node looks whether instances were registered, changed or retired through another node. */
    private static final Duration ATTACHMENTS_EVERY = Duration.ofSeconds(1);
    /** How often a node looks for operations only it can apply. */
    private static final Duration ASSIGNED_EVERY = Duration.ofMillis(100);

    /** Orphans are looked for well within a lease, so a dead node's operation waits little more than its lease. */
    private static Duration orphansEvery(Duration lease) {
        return Duration.ofMillis(Math.max(500, Math.min(5000, lease.toMillis() / 2)));
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

    /** The admin API's address, empty when the configuration has no {@code admin-port}. */
    public java.util.Optional<String> adminUrl() {
        return java.util.Optional.ofNullable(admin).map(AdminPort::url);
    }

    /** The admin routes this node serves ({@code GET /api/instances/{id}}); empty without an admin port. */
    public java.util.List<String> adminRoutes() {
        return admin == null ? java.util.List.of() : admin.served();
    }

    public Stores stores() {
        return stores;
    }

    /** Stops taking requests, lets running operations finish, stops spawned engines, closes the store. */
    @Override
    public void close() {
        if (admin != null) admin.close();
        http.close();
        workers.close();
        engines.close();
        db.close();
    }
}
