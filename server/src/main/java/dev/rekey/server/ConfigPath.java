package dev.rekey.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;

/**
 * Where a value sits in the file, as a key path ({@code instances[1].engine.port}) with the line it came from, so
 * that every error reads "instances[1].engine.port (line 14): must be a whole number".
 */
record ConfigPath(String path, Map<String, Integer> lines) {
    private static final YAMLFactory YAML = new YAMLFactory();

    static ConfigPath root(Map<String, Integer> lines) {
        return new ConfigPath("", lines);
    }

    /** This path with {@code prefix} before it, and the lines of {@code offset} lines further down. */
    static ConfigPath within(String prefix, Map<String, Integer> lines, int offset) {
        var shifted = new HashMap<String, Integer>();
        lines.forEach((p, l) -> shifted.put(p.isEmpty() ? prefix : p.startsWith("[") ? prefix + p : prefix + "." + p, l + offset));
        return new ConfigPath(prefix, shifted);
    }

    ConfigPath key(String key) {
        return new ConfigPath(path.isEmpty() ? key : path + "." + key, lines);
    }

    ConfigPath item(int index) {
        return new ConfigPath(path + "[" + index + "]", lines);
    }

    /** The line of this key, or of the nearest enclosing one when the key is absent (a required key that is missing). */
    Integer line() {
        for (String p = path; ; p = parent(p)) {
            Integer line = lines.get(p);
            if (line != null || p.isEmpty()) return line;
        }
    }

    ConfigException error(String message) {
        return ConfigException.at(path, line(), message);
    }

    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }

    /**
     * One pass of the streaming parser over the file: maps each key's path to its line, and refuses a key given twice
     * in one mapping (YAML parsers otherwise keep the last one silently).
     */
    static Map<String, Integer> linesOf(String yaml) throws IOException {
        return linesOf(YAML, yaml);
    }

    /** As {@link #linesOf(String)}, for a text in the format {@code factory} reads (JSON for the admin API). */
    static Map<String, Integer> linesOf(JsonFactory factory, String yaml) throws IOException {
        var lines = new HashMap<String, Integer>();
        var keys = new HashSet<String>();
        int depth = 0;
        int documents = 0;
        try (JsonParser p = factory.createParser(yaml)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                // The pointer includes the current key and starts with the root value's index (/0).
                String path = pathOf(p.getParsingContext().pathAsPointer(true).toString());
                int line = p.currentTokenLocation().getLineNr();
                if (depth == 0 && ++documents > 1) {
                    throw ConfigException.at("", line, "a second YAML document starts here; the file must hold exactly one");
                }
                if (t.isStructStart()) depth++;
                if (t.isStructEnd()) depth--;
                if (t == JsonToken.FIELD_NAME && !keys.add(path)) {
                    throw ConfigException.at(path, line, "the key '" + p.currentName() + "' appears twice in this mapping");
                }
                lines.putIfAbsent(path, line);
            }
        }
        return lines;
    }

    private static String pathOf(String pointer) {
        var sb = new StringBuilder();
        String[] parts = pointer.split("/");
        for (int i = 2; i < parts.length; i++) {
            String part = parts[i];
            if (!part.isEmpty() && part.chars().allMatch(Character::isDigit)) sb.append('[').append(part).append(']');
            else sb.append(sb.isEmpty() ? "" : ".").append(part.replace("~1", "/").replace("~0", "~"));
        }
        return sb.toString();
    }
}
