package dev.rekey.api.aliyun;

import dev.rekey.api.FormCodec;
import dev.rekey.api.Param;
import dev.rekey.api.Params;
import dev.rekey.api.WireRequest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads an Aliyun RPC call from the union of query string, form body and {@code x-acs-*} headers, because each SDK
 * puts Action and Version somewhere else: the new SDKs' V3 path only in {@code x-acs-action}/{@code x-acs-version},
 * the old Java SDK in the query (and headers), pop-core's POST in the form body. Then checks a call's parameters
 * against its route's schema: every value is text; a parameter the route does not declare is ignored, as the real
 * service does.
 */
public final class AliyunParser {
    /** Parameters of the protocol itself, kept out of {@link AliyunCall#params()}. */
    private static final Set<String> PROTOCOL = Set.of("AccessKeyId", "Action", "Version", "Format", "RegionId",
            "Signature", "SignatureMethod", "SignatureNonce", "SignatureVersion", "SignatureType", "Timestamp",
            "SecurityToken");

    private AliyunParser() {
    }

    /** @throws WireRequest.MalformedEncoding on a malformed %-escape */
    public static AliyunCall read(WireRequest r) {
        var pairs = pairs(r);
        String action = orElse(FormCodec.first(pairs, "Action"), r.header("x-acs-action"));
        String version = orElse(FormCodec.first(pairs, "Version"), r.header("x-acs-version"));
        return new AliyunCall(action, version, format(FormCodec.first(pairs, "Format")),
                FormCodec.first(pairs, "RegionId"), apiParams(pairs), styleOf(r, pairs));
    }

    /** The decoded pairs of a request: query string first, then a form-urlencoded body. */
    static List<Map.Entry<String, String>> pairs(WireRequest request) {
        if (!hasFormBody(request)) return request.formQuery();
        var pairs = new ArrayList<>(request.formQuery());
        pairs.addAll(request.formBody());
        return pairs;
    }

    /** V3 when the Authorization header starts with {@code ACS3-}, else V1 when a Signature parameter is present. */
    static SignatureStyle styleOf(WireRequest r, List<Map.Entry<String, String>> pairs) {
        String authorization = r.header("authorization");
        if (authorization != null && authorization.startsWith("ACS3-")) return SignatureStyle.V3;
        if (FormCodec.first(pairs, "Signature") != null) return SignatureStyle.V1;
        return SignatureStyle.NONE;
    }

    /** The call's parameters checked against {@code schema}, with Aliyun's codes (400 MissingParameter, InvalidParameter). */
    static Params params(List<Param> schema, Map<String, String> values) {
        var checked = new LinkedHashMap<String, Object>();
        for (Param p : schema) {
            Object value = checked(p, values.get(p.name()));
            if (value != null) checked.put(p.name(), value);
        }
        return new Params(schema, checked, values.keySet());
    }

    private static Object checked(Param p, String raw) {
        if (p.presence() != Param.Presence.OPTIONAL && (raw == null || raw.isEmpty())) {
            throw AliyunRefusals.missing(p.name());
        }
        if (raw == null) return null;
        return switch (p.type()) {
            case TEXT, ANY -> raw;
            case BOOLEAN -> bool(p, raw);
            case INTEGER -> raw.isEmpty() ? null : integer(p, raw);
            case TEXTS, INTEGERS -> throw new IllegalStateException("Aliyun's RPC parameters are flat: " + p.name());
        };
    }

    /** {@code true} or {@code false} in any case. */
    private static Boolean bool(Param p, String raw) {
        if (raw.equalsIgnoreCase("true")) return true;
        if (raw.equalsIgnoreCase("false")) return false;
        throw AliyunRefusals.invalid(p.name(), "expected true or false.");
    }

    private static Long integer(Param p, String raw) {
        try {
            long n = Long.parseLong(raw.trim());
            if (p.inRange(n)) return n;
        } catch (NumberFormatException e) {
            // answered below
        }
        throw AliyunRefusals.invalid(p.name(), "expected an integer from " + p.min() + " to " + p.max() + ".");
    }

    /** Case-insensitive: the new Java SDK's V1 path sends {@code json}, the old SDK {@code JSON} or {@code XML}. */
    private static String format(String value) {
        return value != null && value.equalsIgnoreCase("XML") ? "XML" : "JSON";
    }

    private static Map<String, String> apiParams(List<Map.Entry<String, String>> pairs) {
        var params = new LinkedHashMap<String, String>();
        for (var pair : pairs) {
            if (!PROTOCOL.contains(pair.getKey())) params.putIfAbsent(pair.getKey(), pair.getValue());
        }
        return Collections.unmodifiableMap(params);
    }

    private static boolean hasFormBody(WireRequest request) {
        String type = request.header("content-type");
        return request.body().length > 0 && type != null
                && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    private static String orElse(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
