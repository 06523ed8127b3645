package dev.rekey.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Decodes {@code k=v&k2=v2} strings (query strings and form bodies); '+' is a space. */
public final class FormCodec {
    private FormCodec() {
    }

    /** Pairs in order, decoded; a key without '=' has the empty value. Repeated keys are kept. */
    public static List<Map.Entry<String, String>> decodePairs(String raw) {
        var out = new ArrayList<Map.Entry<String, String>>();
        if (raw == null || raw.isEmpty()) return out;
        for (String part : raw.split("&")) {
            if (part.isEmpty()) continue;
            int eq = part.indexOf('=');
            String k = eq < 0 ? part : part.substring(0, eq);
            String v = eq < 0 ? "" : part.substring(eq + 1);
            out.add(Map.entry(decode(k), decode(v)));
        }
        return out;
    }

    public static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The first value of {@code name} among decoded pairs, or null. */
    public static String first(List<Map.Entry<String, String>> pairs, String name) {
        for (Map.Entry<String, String> pair : pairs) {
            if (pair.getKey().equals(name)) return pair.getValue();
        }
        return null;
    }
}
