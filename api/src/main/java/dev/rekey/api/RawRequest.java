package dev.rekey.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP request exactly as received: method, path, the raw query string (not decoded, null when absent), headers in
 * arrival order with lower-case names, and the body bytes. Signatures are computed over this, never over a re-encoding.
 */
public record RawRequest(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {

    public RawRequest {
        var lower = new LinkedHashMap<String, List<String>>();
        headers.forEach((k, v) -> lower.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).addAll(v));
        headers = lower;
        body = body == null ? new byte[0] : body;
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public static RawRequest of(String method, String path, String rawQuery, Map<String, String> headers, String body) {
        var h = new LinkedHashMap<String, List<String>>();
        headers.forEach((k, v) -> h.put(k, List.of(v)));
        return new RawRequest(method, path, rawQuery, h, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }
}
