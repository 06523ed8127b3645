package dev.rekey.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rekey.core.EngineKind;
import dev.rekey.core.Secret;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * An {@code instances} entry given as JSON to the admin API: the same keys as in the file, bound by the same binding and
 * checked by the same rules, so a field the file refuses is refused here with the same words. Two things only the API
 * has: the engine's admin password may come in the body ({@code admin-password}, never shown back), and an id must be
 * a plain name (it names the engine's folder).
 */
public final class InstanceJson {
    /** An id becomes a folder name under the data folder: no separators, no dot first. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private final Function<String, String> env;
    private final Predicate<String> tenantExists;

    /** {@code env} answers {@code admin-password-env} (the server's environment); {@code tenantExists} asks the store. */
    public InstanceJson(Function<String, String> env, Predicate<String> tenantExists) {
        this.env = env;
        this.tenantExists = tenantExists;
    }

    /** One entry: a JSON object. Errors name the key ({@code engine.port}) and its line. */
    public RekeyConfig.InstanceConfig one(String body) {
        Map<String, Integer> lines = lines(body);
        return entry(tree(body, 0), ConfigPath.root(lines));
    }

    /** One entry for the instance {@code id} (a change): the body may leave the id out, but not give another. */
    public RekeyConfig.InstanceConfig one(String body, String id) {
        var root = ConfigPath.root(lines(body));
        JsonNode node = tree(body, 0);
        if (node instanceof ObjectNode object) {
            JsonNode given = object.get("id");
            if (given == null) object.put("id", id);
            else if (!given.isTextual() || !given.asText().equals(id)) throw root.key("id").error("differs from the id in the path (" + id + ")");
        }
        return entry(node, root);
    }

    /**
     * Many entries, every one checked before any is registered: a JSON array of entries, or JSON lines (one entry per
     * line). Errors name the entry ({@code [17].engine.port}) and its line; an id given twice is refused.
     */
    public List<RekeyConfig.InstanceConfig> many(String body) {
        String text = body.stripLeading();
        var out = new ArrayList<RekeyConfig.InstanceConfig>();
        if (text.startsWith("[")) {
            JsonNode array = tree(body, 0);
            var root = ConfigPath.root(lines(body));
            for (int i = 0; i < array.size(); i++) out.add(entry(array.get(i), root.item(i)));
        } else {
            String[] rows = body.split("\n", -1);
            for (int n = 0; n < rows.length; n++) {
                if (rows[n].isBlank()) continue;
                var at = ConfigPath.within("[" + out.size() + "]", lines(rows[n]), n);
                out.add(entry(tree(rows[n], n), at));
            }
        }
        var ids = new HashSet<String>();
        for (int i = 0; i < out.size(); i++) {
            if (!ids.add(out.get(i).id())) {
                throw ConfigException.at("[" + i + "].id", null, "the instance id " + out.get(i).id() + " appears twice");
            }
        }
        return out;
    }

    private RekeyConfig.InstanceConfig entry(JsonNode node, ConfigPath at) {
        if (!(node instanceof ObjectNode object)) throw at.error("must be a mapping of keys to values (one instance)");
        Secret adminPassword = takeAdminPassword(object, at.key("engine"));
        RekeyConfig.InstanceConfig ic = ConfigBinding.instance(object, env, at);
        if (ic.id() != null && !ID.matcher(ic.id()).matches()) {
            throw at.key("id").error("must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (adminPassword != null && ic.engine() != null) ic = withAdminPassword(ic, adminPassword);
        var e = ic.engine();
        if (e != null && e.kind() == EngineKind.REDIS && !e.spawn() && e.adminPassword() == null) {
            throw at.key("engine").error("an external redis needs admin-user and admin-password (or admin-password-env)");
        }
        ConfigLoader.checkInstance(ic, at, tenantExists);
        return ic;
    }

    /** {@code engine.admin-password}, removed from the tree before binding; never quoted in an error. */
    private static Secret takeAdminPassword(ObjectNode object, ConfigPath engineAt) {
        if (!(object.get("engine") instanceof ObjectNode engine) || !engine.has("admin-password")) return null;
        JsonNode value = engine.remove("admin-password");
        ConfigPath at = engineAt.key("admin-password");
        if (engine.has("admin-password-env")) throw at.error("give admin-password or admin-password-env, not both");
        if (!value.isTextual() || value.asText().isEmpty()) throw at.error("must be a text value");
        return Secret.of(value.asText());
    }

    private static RekeyConfig.InstanceConfig withAdminPassword(RekeyConfig.InstanceConfig ic, Secret admin) {
        var engine = ic.engine().withAdminPassword(admin);
        return new RekeyConfig.InstanceConfig(ic.id(), ic.tenant(), ic.product(), ic.region(), ic.name(), engine, ic.os(),
                ic.image(), ic.state(), ic.engineVersion(), ic.user());
    }

    private static Map<String, Integer> lines(String json) {
        try {
            return ConfigPath.linesOf(ConfigBinding.JSON.getFactory(), json);
        } catch (IOException e) {
            throw notJson(e, 0);
        }
    }

    private static JsonNode tree(String json, int lineOffset) {
        try (JsonParser p = ConfigBinding.JSON.getFactory().createParser(json)) {
            JsonNode node = ConfigBinding.JSON.readTree(p);
            if (node == null) throw ConfigException.at("", lineOffset + 1, "an empty body: expected JSON");
            if (p.nextToken() != null) throw ConfigException.at("", lineOffset + p.currentLocation().getLineNr(), "more than one JSON value");
            return node;
        } catch (IOException e) {
            throw notJson(e, lineOffset);
        }
    }

    /** Where the JSON broke, never the text around it (it may hold a password). */
    private static ConfigException notJson(IOException e, int lineOffset) {
        if (e instanceof JsonProcessingException j && j.getLocation() != null) {
            return ConfigException.at("", lineOffset + j.getLocation().getLineNr(), "not valid JSON (column "
                    + j.getLocation().getColumnNr() + ")");
        }
        return ConfigException.at("", null, "not valid JSON");
    }
}
