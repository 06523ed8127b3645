package dev.rekey.api.aliyun;

import dev.rekey.api.RawRequest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an Aliyun RPC call from the union of query string, form body and {@code x-acs-*} headers, because each SDK
 * puts Action and Version somewhere else: the new SDKs' V3 path only in {@code x-acs-action}/{@code x-acs-version},
 * the old Java SDK in the query (and headers), pop-core's POST in the form body.
 */
public final class AliyunParameters {
    /** Parameters of the protocol itself, kept out of {@link AliyunCall#params()}. */
    private static final Set<String> PROTOCOL = Set.of("AccessKeyId", "Action", "Version", "Format", "RegionId",
            "Signature", "SignatureMethod", "SignatureNonce", "SignatureVersion", "SignatureType", "Timestamp",
            "SecurityToken");

    private AliyunParameters() {
    }

    public static AliyunCall read(RawRequest r) {
        var pairs = WireParams.of(r);
        String action = orElse(WireParams.first(pairs, "Action"), r.header("x-acs-action"));
        String version = orElse(WireParams.first(pairs, "Version"), r.header("x-acs-version"));
        return new AliyunCall(action, version, format(WireParams.first(pairs, "Format")),
                WireParams.first(pairs, "RegionId"), apiParams(pairs), styleOf(r, pairs));
    }

    /** V3 when the Authorization header starts with {@code ACS3-}, else V1 when a Signature parameter is present. */
    static SignatureStyle styleOf(RawRequest r, List<Map.Entry<String, String>> pairs) {
        String authorization = r.header("authorization");
        if (authorization != null && authorization.startsWith("ACS3-")) return SignatureStyle.V3;
        if (WireParams.first(pairs, "Signature") != null) return SignatureStyle.V1;
        return SignatureStyle.NONE;
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

    private static String orElse(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
