package dev.rekey.server;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A node of the parsed YAML with its path and the line it came from, so that every error can say
 * "instances[1].engine.port (line 14): must be a number".
 */
record ConfigNode(JsonNode node, String path, Map<String, Integer> lines) {

    ConfigException error(String message) {
        Integer line = lines.get(path);
        return new ConfigException(path + (line == null ? "" : " (line " + line + ")") + ": " + message);
    }

    ConfigNode child(String key) {
        JsonNode n = node == null ? null : node.get(key);
        return new ConfigNode(n, path.isEmpty() ? key : path + "." + key, lines);
    }

    boolean present() {
        return node != null && !node.isNull();
    }

    /** Refuses keys the section does not define: a typo must not be silently ignored. */
    ConfigNode onlyKeys(Set<String> allowed) {
        if (!present()) return this;
        if (!node.isObject()) throw error("must be a mapping");
        var unknown = new TreeSet<String>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) unknown.add(k);
        }
        if (!unknown.isEmpty()) {
            String first = unknown.first();
            throw child(first).error("unknown key '" + first + "' (allowed here: " + String.join(", ", new TreeSet<>(allowed)) + ")");
        }
        return this;
    }

    String text(String fallback) {
        if (!present()) return fallback;
        if (!node.isValueNode()) throw error("must be a text value");
        return node.asText();
    }

    String requiredText() {
        String v = text(null);
        if (v == null || v.isBlank()) throw error("is required");
        return v;
    }

    int integer(int fallback) {
        if (!present()) return fallback;
        if (!node.canConvertToInt() || !node.isIntegralNumber()) throw error("must be a whole number");
        return node.asInt();
    }

    boolean bool(boolean fallback) {
        if (!present()) return fallback;
        if (!node.isBoolean()) throw error("must be true or false");
        return node.asBoolean();
    }

    List<ConfigNode> list() {
        if (!present()) return List.of();
        if (!node.isArray()) throw error("must be a list");
        var out = new ArrayList<ConfigNode>();
        for (int i = 0; i < node.size(); i++) out.add(new ConfigNode(node.get(i), path + "[" + i + "]", lines));
        return out;
    }

    List<String> textList() {
        return list().stream().map(ConfigNode::requiredText).toList();
    }

    Iterable<String> keys() {
        if (!present()) return List.of();
        if (!node.isObject()) throw error("must be a mapping");
        return node::fieldNames;
    }
}
