package dev.rekey.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rekey.core.Cloud;
import dev.rekey.core.Credential;
import dev.rekey.core.EngineKind;
import dev.rekey.core.Limits;
import dev.rekey.core.Product;
import dev.rekey.core.Secret;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Reads and validates the YAML configuration; every error names the key and its line. */
public final class ConfigLoader {
    private static final YAMLFactory YAML = new YAMLFactory();
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
        JsonNode tree;
        Map<String, Integer> lines;
        try {
            tree = new ObjectMapper(YAML).readTree(yaml);
            lines = lineNumbers(yaml);
        } catch (IOException e) {
            throw new ConfigException("the configuration is not valid YAML: " + e.getMessage());
        }
        var root = new ConfigNode(tree, "", lines).onlyKeys(Set.of("server", "store", "tenants", "instances", "limits"));
        var server = root.child("server").onlyKeys(Set.of("port", "data", "bind", "log"));
        Path data = baseDir.resolve(server.child("data").text("./data")).normalize();
        var store = root.child("store").onlyKeys(Set.of("url", "key-file", "task-lease-seconds"));
        int lease = store.child("task-lease-seconds").integer(30);
        if (lease < 1) throw store.child("task-lease-seconds").error("must be at least 1");
        String url = store.child("url").text(null);
        url = url == null ? RekeyConfig.defaultStoreUrl(data) : resolveH2Path(url, baseDir);
        String keyFile = store.child("key-file").text(null);
        List<Credential> credentials = tenants(root.child("tenants"));
        Set<String> tenantNames = new HashSet<>();
        credentials.forEach(c -> tenantNames.add(c.tenant()));
        root.child("tenants").list().forEach(t -> tenantNames.add(t.child("name").requiredText()));
        var instances = new ArrayList<RekeyConfig.InstanceConfig>();
        var ids = new HashSet<String>();
        for (ConfigNode n : root.child("instances").list()) {
            var ic = instance(n, tenantNames);
            if (!ids.add(ic.id())) throw n.child("id").error("the instance id " + ic.id() + " appears twice");
            instances.add(ic);
        }
        return new RekeyConfig(server.child("bind").text("127.0.0.1"), server.child("port").integer(8080), data, url,
                keyFile == null ? null : baseDir.resolve(keyFile).normalize(), lease, credentials, instances, limits(root.child("limits")),
                logFormat(server.child("log")));
    }

    private static LogFormat logFormat(ConfigNode log) {
        try {
            return LogFormat.parse(log.text("text"));
        } catch (IllegalArgumentException e) {
            throw log.error(e.getMessage());
        }
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

    private List<Credential> tenants(ConfigNode tenants) {
        var out = new ArrayList<Credential>();
        for (ConfigNode t : tenants.list()) {
            t.onlyKeys(Set.of("name", "tencent", "aliyun", "huawei"));
            String name = t.child("name").requiredText();
            var tc = t.child("tencent").onlyKeys(Set.of("secret-id", "secret-key"));
            if (tc.present()) out.add(new Credential(Cloud.TENCENT, name, tc.child("secret-id").requiredText(),
                    Secret.of(tc.child("secret-key").requiredText()), null));
            var al = t.child("aliyun").onlyKeys(Set.of("access-key-id", "access-key-secret"));
            if (al.present()) out.add(new Credential(Cloud.ALIYUN, name, al.child("access-key-id").requiredText(),
                    Secret.of(al.child("access-key-secret").requiredText()), null));
            var hw = t.child("huawei").onlyKeys(Set.of("ak", "sk", "project-id"));
            if (hw.present()) out.add(new Credential(Cloud.HUAWEI, name, hw.child("ak").requiredText(),
                    Secret.of(hw.child("sk").requiredText()), hw.child("project-id").requiredText()));
        }
        var seen = new HashSet<String>();
        for (Credential c : out) {
            if (!seen.add(c.cloud() + "/" + c.keyId())) {
                throw new ConfigException("tenants: the " + c.cloud().name().toLowerCase(Locale.ROOT) + " key " + c.keyId() + " is given to two tenants");
            }
        }
        return out;
    }

    private RekeyConfig.InstanceConfig instance(ConfigNode n, Set<String> tenants) {
        n.onlyKeys(Set.of("id", "tenant", "product", "region", "name", "engine", "os", "image", "state", "engine-version", "user"));
        String id = n.child("id").requiredText();
        String tenant = n.child("tenant").requiredText();
        if (!tenants.contains(tenant)) throw n.child("tenant").error("no tenant named '" + tenant + "' is configured");
        Product product;
        try {
            product = Product.fromKey(n.child("product").requiredText());
        } catch (IllegalArgumentException e) {
            throw n.child("product").error(e.getMessage());
        }
        var extra = new LinkedHashMap<String, String>();
        for (String k : List.of("os", "image", "state", "engine-version", "user")) {
            String v = n.child(k).text(null);
            if (v != null) extra.put(k, v);
        }
        return new RekeyConfig.InstanceConfig(id, tenant, product, n.child("region").text("ap-guangzhou"),
                n.child("name").text(id), engine(n.child("engine")), extra);
    }

    private RekeyConfig.EngineConfig engine(ConfigNode e) {
        if (!e.present()) throw e.error("is required");
        e.onlyKeys(Set.of("kind", "spawn", "host", "port", "admin-user", "admin-password-env", "password", "user", "users", "channel"));
        EngineKind kind;
        try {
            kind = EngineKind.valueOf(e.child("kind").requiredText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            throw e.child("kind").error("must be redis, memcached or guest");
        }
        boolean spawn = e.child("spawn").bool(false);
        String pwText = e.child("password").text(null);
        Secret initial = pwText == null ? null : Secret.of(pwText);
        Secret admin = null;
        String adminEnv = e.child("admin-password-env").text(null);
        if (adminEnv != null) {
            String v = env.apply(adminEnv);
            if (v == null) throw e.child("admin-password-env").error("the environment variable " + adminEnv + " is not set");
            admin = Secret.of(v);
        }
        String host = e.child("host").text(null);
        int port = e.child("port").integer(0);
        String channel = e.child("channel").text(null);
        if (!spawn && kind != EngineKind.GUEST && (host == null || port <= 0)) {
            throw e.error("an engine that is not spawned needs host and port (or set spawn: true)");
        }
        if (!spawn && kind == EngineKind.REDIS && admin == null) {
            throw e.error("an external redis needs admin-user and admin-password-env");
        }
        if (kind == EngineKind.MEMCACHED && !spawn) {
            throw e.child("spawn").error("memcached instances are always spawned: Rekey must own their auth file");
        }
        if (spawn && kind != EngineKind.GUEST && initial == null) {
            throw e.child("password").error("a spawned engine needs its initial password");
        }
        if (kind == EngineKind.GUEST && !spawn && channel == null) {
            throw e.error("a guest needs spawn: true or a channel: unix:/path/to/qga.sock");
        }
        return new RekeyConfig.EngineConfig(kind, spawn, host, port, e.child("admin-user").text(spawn ? "rekey-admin" : null),
                admin, initial, e.child("user").text(null), e.child("users").textList(), channel);
    }

    private static Limits limits(ConfigNode limits) {
        var out = new HashMap<String, Map<String, Integer>>();
        for (String product : limits.keys()) {
            try {
                Product.fromKey(product);
            } catch (IllegalArgumentException e) {
                throw limits.child(product).error(e.getMessage());
            }
            var values = new HashMap<String, Integer>();
            ConfigNode section = limits.child(product);
            for (String key : section.keys()) {
                int v = section.child(key).integer(0);
                if (v < 0) throw section.child(key).error("must not be negative");
                values.put(key, v);
            }
            out.put(product, values);
        }
        return new Limits(out);
    }

    /** Maps each key's path (a.b[0].c) to the line where it appears, by one pass of the streaming parser. */
    static Map<String, Integer> lineNumbers(String yaml) throws IOException {
        var lines = new HashMap<String, Integer>();
        try (JsonParser p = YAML.createParser(yaml)) {
            while (p.nextToken() != null) {
                // The pointer includes the current field name and starts with the document's index (/0).
                lines.putIfAbsent(pathOf(p.getParsingContext().pathAsPointer(true).toString()), p.currentTokenLocation().getLineNr());
            }
        }
        return lines;
    }

    private static String pathOf(String pointer) {
        var sb = new StringBuilder();
        String[] parts = pointer.split("/");
        for (int i = 2; i < parts.length; i++) {
            String part = parts[i];
            if (part.chars().allMatch(Character::isDigit)) sb.append('[').append(part).append(']');
            else sb.append(sb.isEmpty() ? "" : ".").append(part.replace("~1", "/").replace("~0", "~"));
        }
        return sb.toString();
    }
}
