package dev.rekey.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.rekey.core.CvmInstanceState;
import dev.rekey.core.Credential;
import dev.rekey.core.EngineKind;
import dev.rekey.core.Limits;
import dev.rekey.core.Product;
import dev.rekey.core.Secret;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The configuration file, validated once at start: nothing else reads YAML. {@code tenants} are the names the file
 * declares (with or without keys). Paths are absolute; {@code storePoolSize}
 * is the store's connection pool, {@code engineTimeout} how long one engine call may take.
 */
public record RekeyConfig(String bind, int port, Path data, String storeUrl, Path keyFile, int taskLeaseSeconds,
                          int storePoolSize, Duration engineTimeout, LogFormat logFormat,
                          List<String> tenants, List<Credential> credentials, List<InstanceConfig> instances, Limits limits,
                          Admin admin) {

    /**
     * {@code server: { admin-port, admin-bind, admin-token-file }}: the admin API and the metrics. A null {@code port}
     * means none is served (0 picks a free port); {@code tokenFile} null means {@code <data>/admin.token}.
     */
    public record Admin(Integer port, String bind, Path tokenFile) {
        public static final Admin NONE = new Admin(null, "127.0.0.1", null);

        public boolean enabled() {
            return port != null;
        }

        public Admin withPort(Integer override) {
            return override == null ? this : new Admin(override, bind, tokenFile);
        }
    }

    /** The token file the admin API reads: the configured one, or {@code admin.token} in the data folder. */
    public Path adminTokenFile() {
        return admin.tokenFile() != null ? admin.tokenFile() : data.resolve("admin.token");
    }

    /** {@code server: { log: text | json }}: plain lines, or one JSON object per line. */

    /** {@code os:} of a CVM instance: which password rules and default user apply. */
    public enum Os { LINUX, WINDOWS }

    /**
     * One entry of {@code instances:}, bound from the file as it stands (each component is the key of the same name
     * in kebab case). {@code os}, {@code image} and {@code state} belong to tencent-cvm instances; null when absent.
     */
    public record InstanceConfig(String id, String tenant, Product product, String region, String name,
                                 EngineConfig engine, Os os, String image, CvmInstanceState state,
                                 String engineVersion, String user) {
        public InstanceConfig {
            region = region == null ? "ap-guangzhou" : region;
            name = name == null ? id : name;
        }

        /** The product keys that are given, as the store records them (engine configuration and attributes). */
        public Map<String, String> extra() {
            var extra = new LinkedHashMap<String, String>();
            if (os != null) extra.put("os", os.name().toLowerCase(Locale.ROOT));
            if (image != null) extra.put("image", image);
            if (state != null) extra.put("state", state.name());
            if (engineVersion != null) extra.put("engine-version", engineVersion);
            if (user != null) extra.put("user", user);
            return extra;
        }
    }

    /**
     * The {@code engine:} block: how to reach or spawn the engine; each component is one key. {@code initialPassword}
     * ({@code password:}) is used only when the instance is first created; {@code adminPassword} is read from the
     * environment variable that {@code admin-password-env} names, never from the file itself.
     */
    public record EngineConfig(
            @JsonProperty("kind") EngineType type,
            boolean spawn,
            String host,
            int port,
            String adminUser,
            @JsonProperty("admin-password-env") @JsonDeserialize(using = ConfigBinding.FromEnvironment.class) Secret adminPassword,
            @JsonProperty("password") Secret initialPassword,
            String user,
            List<String> users,
            String channel,
            Members replicas,
            Members sentinels,
            Members nodes,
            Integer shards,
            Duration overlap) {
        public EngineConfig {
            adminUser = adminUser == null && spawn ? "rekey-admin" : adminUser;
            users = users == null ? List.of() : List.copyOf(users);
            replicas = replicas == null ? Members.NONE : replicas;
            sentinels = sentinels == null ? Members.NONE : sentinels;
            nodes = nodes == null ? Members.NONE : nodes;
            overlap = overlap == null ? Duration.ZERO : overlap;
        }

        /** The same block with another admin password (one given in an admin API body rather than the environment). */
        public EngineConfig withAdminPassword(Secret admin) {
            return new EngineConfig(type, spawn, host, port, adminUser, admin, initialPassword, user, users, channel,
                    replicas, sentinels, nodes, shards, overlap);
        }

        /** What the product API sees: a cluster is a Redis. */
        public EngineKind kind() {
            return type == null ? null : type.kind();
        }

        public boolean cluster() {
            return type == EngineType.REDIS_CLUSTER;
        }

        /** More than one server: replicas, Sentinels, a cluster, or several Memcached nodes. */
        public boolean deployment() {
            return cluster() || !replicas.isEmpty() || !sentinels.isEmpty() || nodes.count() > 1 || !nodes.listed().isEmpty();
        }
    }

    /** {@code engine.kind}: the kinds of engine, as the file spells them. */
    public enum EngineType {
        REDIS("redis", EngineKind.REDIS),
        REDIS_CLUSTER("redis-cluster", EngineKind.REDIS),
        MEMCACHED("memcached", EngineKind.MEMCACHED),
        GUEST("guest", EngineKind.GUEST);

        private final String spelling;
        private final EngineKind kind;

        EngineType(String spelling, EngineKind kind) {
            this.spelling = spelling;
            this.kind = kind;
        }

        public String spelling() {
            return spelling;
        }

        public EngineKind kind() {
            return kind;
        }
    }

    /**
     * Replicas, Sentinels or nodes of an engine: a number Rekey spawns ({@code replicas: 2}), or the addresses of ones
     * it reaches ({@code replicas: [ { host, port } ]}; a Sentinel also names its {@code master-name}).
     */
    public record Members(int count, List<Address> listed) {
        public static final Members NONE = new Members(0, List.of());

        public Members {
            listed = List.copyOf(listed);
        }

        public boolean isEmpty() {
            return count == 0 && listed.isEmpty();
        }
    }

    /** One server of a deployment. */
    public record Address(String host, Integer port, String masterName) {
    }

    public RekeyConfig withOverrides(Integer portOverride, Path dataOverride) {
        return new RekeyConfig(bind, portOverride != null ? portOverride : port, dataOverride != null ? dataOverride : data,
                dataOverride != null && storeUrl.equals(defaultStoreUrl(data)) ? defaultStoreUrl(dataOverride) : storeUrl,
                keyFile, taskLeaseSeconds, storePoolSize, engineTimeout, logFormat, tenants, credentials, instances, limits, admin);
    }

    /** With the admin API on {@code adminPort} (0: a free port) unless it is null. */
    public RekeyConfig withAdminPort(Integer adminPort) {
        return new RekeyConfig(bind, port, data, storeUrl, keyFile, taskLeaseSeconds, storePoolSize, engineTimeout, logFormat,
                tenants, credentials, instances, limits, admin.withPort(adminPort));
    }

    static String defaultStoreUrl(Path data) {
        return "jdbc:h2:file:" + data.toAbsolutePath().resolve("rekey");
    }
}
