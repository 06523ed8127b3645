package dev.rekey.engines.redis.deployment;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code INFO} text as name/value pairs, and the comma-separated values of lines such as {@code slave0:ip=..}. */
final class InfoFields {

    private InfoFields() {
    }

    static Map<String, String> parse(String info) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : info.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (line.startsWith("#") || colon < 0) continue;
            fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
        }
        return fields;
    }

    /** {@code ip=127.0.0.1,port=7002,state=online} as pairs. */
    static Map<String, String> pairs(String value) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String part : value.split(",")) {
            int equals = part.indexOf('=');
            if (equals > 0) pairs.put(part.substring(0, equals), part.substring(equals + 1));
        }
        return pairs;
    }
}
