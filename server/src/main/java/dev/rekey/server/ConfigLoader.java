package dev.rekey.server;

import dev.rekey.core.Cloud;
import dev.rekey.core.Credential;
import dev.rekey.core.EngineKind;
import dev.rekey.core.Limits;
import dev.rekey.core.Product;
import dev.rekey.core.Secret;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads and validates the YAML configuration: Jackson binds each section and refuses what does not fit its record
 * ({@link ConfigBinding}); the rules here are those a record cannot state alone (ranges, keys that need one another,
 * references between sections). Every error names the key path and its line.
 */
public final class ConfigLoader {
    /** HuaweiDialect's range for lock_time, as DCS documents it. */
    private static final int MAX_LOCK_MINUTES = 5;
    private static final Duration MAX_ENGINE_TIMEOUT = Duration.ofSeconds(60);
    private final Function<String, String> env;

    public ConfigLoader(Function<String, String> env) {
        this.env = env;
    }

    public RekeyConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("cannot read the configuration file " + file + ": " + e.getMessage());
        }
        return parse(text, file.toAbsolutePath().getParent());
    }

    public RekeyConfig parse(String yaml, Path baseDir) {
        Map<String, Integer> lines;
        try {
            lines = ConfigPath.linesOf(yaml);
        } catch (IOException e) {
            throw ConfigBinding.notYaml(e);
        }
        ConfigFile file = ConfigBinding.read(yaml, env, lines);
        var root = ConfigPath.root(lines);
        var server = checked(file.server(), root.key("server"));
        var store = checked(file.store(), root.key("store"));
        Duration engineTimeout = checked(file.engines(), root.key("engines")).timeout();
        List<Credential> credentials = credentials(file.tenants(), root.key("tenants"));
        Set<String> tenants = new java.util.LinkedHashSet<>();
        file.tenants().forEach(t -> tenants.add(t.name()));
        checkInstances(file.instances(), root.key("instances"), tenants);
        Limits limits = limits(file.limits(), root.key("limits"));

        Path data = baseDir.resolve(server.data()).normalize();
        String url = store.url() == null ? RekeyConfig.defaultStoreUrl(data) : resolveH2Path(store.url(), baseDir);
        Path keyFile = store.keyFile() == null ? null : baseDir.resolve(store.keyFile()).normalize();
        Path tokenFile = server.adminTokenFile() == null ? null : baseDir.resolve(server.adminTokenFile()).normalize();
        var admin = new RekeyConfig.Admin(server.adminPort(), server.adminBind(), tokenFile);
        return new RekeyConfig(server.bind(), server.port(), data, url, keyFile, store.taskLeaseSeconds(), store.poolSize(),
                engineTimeout, server.log(), List.copyOf(tenants), credentials, file.instances(), limits, admin);
    }

    /** Relative H2 file paths resolve against the configuration file's folder, as every other path does. */
    private static String resolveH2Path(String url, Path baseDir) {
        String prefix = "jdbc:h2:file:";
        if (!url.startsWith(prefix)) return url;
        String rest = url.substring(prefix.length());
        int semi = rest.indexOf(';');
        String path = semi < 0 ? rest : rest.substring(0, semi);
        String options = semi < 0 ? "" : rest.substring(semi);
        return prefix + baseDir.resolve(path).normalize() + options;
    }

    private static ConfigFile.Server checked(ConfigFile.Server server, ConfigPath at) {
        range(at.key("port"), server.port(), 0, 65535, "0 picks a free port");
        required(at.key("data"), server.data());
        required(at.key("bind"), server.bind());
        if (server.adminPort() != null) range(at.key("admin-port"), server.adminPort(), 0, 65535, "0 picks a free port");
        required(at.key("admin-bind"), server.adminBind());
        if (server.adminTokenFile() != null) required(at.key("admin-token-file"), server.adminTokenFile());
        return server;
    }

    /** The URL is never quoted: a PostgreSQL URL may carry a password. */
    private static ConfigFile.Store checked(ConfigFile.Store store, ConfigPath at) {
        if (store.url() != null && !store.url().startsWith("jdbc:h2:") && !store.url().startsWith("jdbc:postgresql:")) {
            throw at.key("url").error("must be a jdbc:h2: or jdbc:postgresql: URL");
        }
        if (store.keyFile() != null) required(at.key("key-file"), store.keyFile());
        range(at.key("task-lease-seconds"), store.taskLeaseSeconds(), 2, 3600, "how soon another node takes over a dead node's task");
        range(at.key("pool-size"), store.poolSize(), 1, 200, "connections to the store");
        return store;
    }

    private static ConfigFile.Engines checked(ConfigFile.Engines engines, ConfigPath at) {
        Duration t = engines.timeout();
        if (t.isZero() || t.compareTo(MAX_ENGINE_TIMEOUT) > 0) {
            throw at.key("timeout").error("must be more than 0 and at most 60s, not " + t.toMillis() + "ms");
        }
        return engines;
    }

    /** The tenants' key pairs, in file order; a key id given to two tenants would make a signature ambiguous. */
    private static List<Credential> credentials(List<ConfigFile.Tenant> tenants, ConfigPath at) {
        var out = new ArrayList<Credential>();
        var names = new HashSet<String>();
        var owners = new HashMap<String, String>();
        for (int i = 0; i < tenants.size(); i++) {
            ConfigFile.Tenant t = tenants.get(i);
            ConfigPath ti = at.item(i);
            String name = required(ti.key("name"), t.name());
            if (!names.add(name)) throw ti.key("name").error("the tenant name " + name + " appears twice");
            var keys = new ArrayList<Credential>();
            if (t.tencent() != null) {
                ConfigPath k = ti.key("tencent");
                keys.add(new Credential(Cloud.TENCENT, name, required(k.key("secret-id"), t.tencent().secretId()),
                        required(k.key("secret-key"), t.tencent().secretKey()), null));
            }
            if (t.aliyun() != null) {
                ConfigPath k = ti.key("aliyun");
                keys.add(new Credential(Cloud.ALIYUN, name, required(k.key("access-key-id"), t.aliyun().accessKeyId()),
                        required(k.key("access-key-secret"), t.aliyun().accessKeySecret()), null));
            }
            if (t.huawei() != null) {
                ConfigPath k = ti.key("huawei");
                keys.add(new Credential(Cloud.HUAWEI, name, required(k.key("ak"), t.huawei().ak()),
                        required(k.key("sk"), t.huawei().sk()), required(k.key("project-id"), t.huawei().projectId())));
            }
            for (Credential c : keys) {
                String cloud = c.cloud().name().toLowerCase(Locale.ROOT);
                String owner = owners.putIfAbsent(c.cloud() + "/" + c.keyId(), name);
                if (owner != null) throw ti.key(cloud).error("the " + cloud + " key " + c.keyId() + " is already given to tenant " + owner);
            }
            out.addAll(keys);
        }
        return out;
    }

    private static void checkInstances(List<RekeyConfig.InstanceConfig> instances, ConfigPath at, Set<String> tenants) {
        var ids = new HashSet<String>();
        for (int i = 0; i < instances.size(); i++) {
            RekeyConfig.InstanceConfig ic = instances.get(i);
            ConfigPath ii = at.item(i);
            checkInstance(ic, ii, tenants::contains);
            if (!ids.add(ic.id())) throw ii.key("id").error("the instance id " + ic.id() + " appears twice");
        }
    }

    /**
     * The rules one {@code instances} entry must follow, wherever it comes from (the file, or the admin API, where
     * {@code tenantExists} asks the store).
     */
    static void checkInstance(RekeyConfig.InstanceConfig ic, ConfigPath ii, java.util.function.Predicate<String> tenantExists) {
        required(ii.key("id"), ic.id());
        String tenant = required(ii.key("tenant"), ic.tenant());
        if (!tenantExists.test(tenant)) throw ii.key("tenant").error("no tenant named '" + tenant + "' is configured");
        if (ic.product() == null) throw ii.key("product").error("is required");
        if (ic.product() != Product.TENCENT_CVM) {
            onlyForCvm(ii.key("os"), ic.os());
            onlyForCvm(ii.key("image"), ic.image());
            onlyForCvm(ii.key("state"), ic.state());
        }
        if (ic.engine() == null) throw ii.key("engine").error("is required");
        checkEngine(ic.engine(), ii.key("engine"), ic.product());
    }

    private static void onlyForCvm(ConfigPath at, Object value) {
        if (value != null) throw at.error("applies only to tencent-cvm instances");
    }

    /** What each kind of engine needs to be reached or spawned, and which product it can serve. */
    private static void checkEngine(RekeyConfig.EngineConfig e, ConfigPath at, Product product) {
        EngineKind kind = e.kind();
        if (kind == null) throw at.key("kind").error("is required");
        if ((product == Product.TENCENT_CVM) != (kind == EngineKind.GUEST)) {
            throw at.key("kind").error(kind == EngineKind.GUEST ? "a guest serves only tencent-cvm instances"
                    : "a tencent-cvm instance needs kind: guest");
        }
        if (e.port() != 0) range(at.key("port"), e.port(), 1, 65535, "the engine's TCP port");
        for (int i = 0; i < e.users().size(); i++) required(at.key("users").item(i), e.users().get(i));
        if (e.overlap().isNegative()) throw at.key("overlap").error("must not be negative");
        if (!e.overlap().isZero() && kind == EngineKind.GUEST) throw at.key("overlap").error("a guest has no overlap window");
        switch (e.type()) {
            case REDIS -> checkRedis(e, at);
            case REDIS_CLUSTER -> checkCluster(e, at);
            case MEMCACHED -> {
                if (!e.spawn()) throw at.key("spawn").error("memcached instances are always spawned: Rekey must own their auth file");
                if (e.initialPassword() == null) throw at.key("password").error("a spawned engine needs its initial password");
                required(at.key("user"), e.user());
                if (!e.nodes().listed().isEmpty()) {
                    throw at.key("nodes").error("Rekey owns every memcached's auth file: give the number of nodes to spawn");
                }
                noMembers(at, "replicas", e.replicas());
                noMembers(at, "sentinels", e.sentinels());
            }
            case GUEST -> {
                if (!e.spawn() && e.channel() == null) throw at.error("a guest needs spawn: true or a channel: unix:/path/to/qga.sock");
                if (e.channel() != null && (!e.channel().startsWith("unix:") || e.channel().length() == "unix:".length())) {
                    throw at.key("channel").error("must be unix:/path/to/qga.sock");
                }
                noMembers(at, "replicas", e.replicas());
                noMembers(at, "sentinels", e.sentinels());
                noMembers(at, "nodes", e.nodes());
            }
        }
    }

    /** A Redis with replicas and Sentinels: counts to spawn, or the addresses of ones Rekey reaches. */
    private static void checkRedis(RekeyConfig.EngineConfig e, ConfigPath at) {
        if (!e.spawn() && (e.host() == null || e.port() == 0)) {
            throw at.error("an engine that is not spawned needs host and port (or set spawn: true)");
        }
        if (!e.spawn() && e.adminPassword() == null) throw at.error("an external redis needs admin-user and admin-password-env");
        if (e.spawn() && e.initialPassword() == null) throw at.key("password").error("a spawned engine needs its initial password");
        noMembers(at, "nodes", e.nodes());
        if (e.shards() != null) throw at.key("shards").error("applies only to kind: redis-cluster");
        members(at, "replicas", e.replicas(), e.spawn(), false);
        members(at, "sentinels", e.sentinels(), e.spawn(), true);
        if (e.spawn() && e.sentinels().count() > 0 && e.replicas().count() == 0) {
            throw at.key("sentinels").error("Sentinels watch a primary with replicas: give replicas too");
        }
    }

    /** A cluster: shards and replicas per shard to spawn, or seed nodes it is found from. */
    private static void checkCluster(RekeyConfig.EngineConfig e, ConfigPath at) {
        noMembers(at, "sentinels", e.sentinels());
        if (e.spawn()) {
            if (e.initialPassword() == null) throw at.key("password").error("a spawned engine needs its initial password");
            if (e.shards() == null) throw at.key("shards").error("is required for a spawned cluster");
            range(at.key("shards"), e.shards(), 3, 16, "the shards of a cluster (Redis needs at least 3 primaries)");
            if (!e.replicas().listed().isEmpty()) throw at.key("replicas").error("give the replicas per shard as a number");
            range(at.key("replicas"), e.replicas().count(), 0, 5, "the replicas of each shard");
            noMembers(at, "nodes", e.nodes());
            return;
        }
        if (e.adminPassword() == null) throw at.error("an external cluster needs admin-user and admin-password-env");
        if (e.nodes().listed().isEmpty()) throw at.key("nodes").error("give at least one node of the cluster: every other is found from it");
        members(at, "nodes", e.nodes(), false, false);
        if (e.shards() != null) throw at.key("shards").error("applies only to a spawned cluster");
        noMembers(at, "replicas", e.replicas());
    }

    private static void members(ConfigPath at, String key, RekeyConfig.Members m, boolean spawn, boolean sentinel) {
        if (spawn && !m.listed().isEmpty()) throw at.key(key).error("a spawned engine takes the number of " + key + " to spawn");
        if (!spawn && m.count() > 0) throw at.key(key).error("give the " + key + " Rekey reaches as a list of { host, port }");
        if (spawn) range(at.key(key), m.count(), 0, 5, "the " + key + " Rekey spawns");
        for (int i = 0; i < m.listed().size(); i++) {
            RekeyConfig.Address a = m.listed().get(i);
            ConfigPath item = at.key(key).item(i);
            required(item.key("host"), a.host());
            if (a.port() == null) throw item.key("port").error("is required");
            range(item.key("port"), a.port(), 1, 65535, "a TCP port");
            if (sentinel) required(item.key("master-name"), a.masterName());
            else if (a.masterName() != null) throw item.key("master-name").error("applies only to sentinels");
        }
    }

    private static void noMembers(ConfigPath at, String key, RekeyConfig.Members m) {
        if (!m.isEmpty()) throw at.key(key).error("does not apply to this kind of engine");
    }

    /** Only the names each product's API reads are bound; here their values are checked. */
    private static Limits limits(ConfigFile.LimitsSection section, ConfigPath at) {
        Map<String, Map<String, Integer>> values = ConfigBinding.limits(section);
        values.forEach((product, names) -> names.forEach((name, value) -> {
            if (value < 0) throw at.key(product).key(name).error("must not be negative");
        }));
        if (section.huaweiDcs() != null && section.huaweiDcs().lockMinutes() != null) {
            range(at.key("huawei-dcs").key("lock-minutes"), section.huaweiDcs().lockMinutes(), 0, MAX_LOCK_MINUTES,
                    "the range DCS documents for lock_time");
        }
        return new Limits(values);
    }

    private static void range(ConfigPath at, int value, int min, int max, String why) {
        if (value < min || value > max) throw at.error("must be " + min + " to " + max + " (" + why + "), not " + value);
    }

    private static String required(ConfigPath at, String value) {
        if (value == null || value.isBlank()) throw at.error("is required");
        return value;
    }

    /** A missing secret is named, never shown. */
    private static Secret required(ConfigPath at, Secret value) {
        if (value == null || value.reveal().isBlank()) throw at.error("is required");
        return value;
    }
}
