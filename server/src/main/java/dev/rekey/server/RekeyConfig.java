package dev.rekey.server;

import dev.rekey.core.Credential;
import dev.rekey.core.EngineKind;
import dev.rekey.core.Limits;
import dev.rekey.core.Product;
import dev.rekey.core.Secret;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The configuration file, validated once at start: nothing else reads YAML. {@code logFormat} is {@code server.log}
 * ({@code text} unless the file says {@code json}).
 */
public record RekeyConfig(String bind, int port, Path data, String storeUrl, Path keyFile, int taskLeaseSeconds,
                          List<Credential> credentials, List<InstanceConfig> instances, Limits limits, LogFormat logFormat) {

    /** One instance; {@code extra} carries product keys later issues add (os, image, state, ...). */
    public record InstanceConfig(String id, String tenant, Product product, String region, String name,
                                 EngineConfig engine, Map<String, String> extra) {
    }

    /**
     * How to reach or spawn the engine. {@code initialPassword} is used only when the instance is first created;
     * {@code adminPassword} is read from the environment variable the file names, never from the file itself.
     */
    public record EngineConfig(EngineKind kind, boolean spawn, String host, int port, String adminUser, Secret adminPassword,
                               Secret initialPassword, String user, List<String> users, String channel) {
    }

    public RekeyConfig withOverrides(Integer portOverride, Path dataOverride) {
        return new RekeyConfig(bind, portOverride != null ? portOverride : port, dataOverride != null ? dataOverride : data,
                dataOverride != null && storeUrl.equals(defaultStoreUrl(data)) ? defaultStoreUrl(dataOverride) : storeUrl,
                keyFile, taskLeaseSeconds, credentials, instances, limits, logFormat);
    }

    static String defaultStoreUrl(Path data) {
        return "jdbc:h2:file:" + data.toAbsolutePath().resolve("rekey");
    }
}
