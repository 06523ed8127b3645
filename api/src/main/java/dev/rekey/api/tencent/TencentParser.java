package dev.rekey.api.tencent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rekey.api.FormCodec;
import dev.rekey.api.Refusal;
import dev.rekey.api.WireRequest;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Tencent API 3.0 request into a {@link TencentCall}, for both of its encodings. TC3 puts Action, Version,
 * Region and Language in X-TC-* headers and the parameters in a JSON body; v1 (legacy) puts everything in the query
 * of a GET or the form body of a POST, with nested parameters flattened ({@code Filters.0.Values.1=x}).
 */
public final class TencentParser {
    /** Parameters of the envelope and of the v1 signature, never business parameters. */
    static final Set<String> COMMON = Set.of("Action", "Version", "Region", "Timestamp", "Nonce", "SecretId",
            "SignatureMethod", "Signature", "RequestClient", "Token", "Language");

    // Duplicate keys are refused: two "Password" fields must not leave it to chance which one is applied.
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
    };

    private TencentParser() {
    }

    /** @throws Refusal InvalidParameter, MissingParameter or UnsupportedProtocol, naming what and never a value */
    public static TencentCall call(WireRequest request) {
        if (isGet(request) || hasFormBody(request)) return fromPairs(request, readPairs(request));
        if (!isPost(request)) {
            throw TencentRefusals.of("UnsupportedProtocol", "The method " + TencentRefusals.quote(request.method())
                    + " is not supported; expected GET or POST.");
        }
        String contentType = request.header("content-type");
        if (contentType != null && !contentTypeStartsWith(request, "application/json")) {
            throw TencentRefusals.invalidParameter("The Content-Type " + TencentRefusals.quote(contentType) + " is"
                    + " not supported; expected application/json (TC3) or application/x-www-form-urlencoded (v1).");
        }
        return call(request, List.of(), json(request.body()));
    }

    /**
     * The {@code k=v} pairs of a GET's query or a form POST's body (empty for a JSON POST), decoded once.
     *
     * @throws WireRequest.MalformedEncoding on a broken %-escape; its message says where, never what
     */
    static List<Map.Entry<String, String>> pairs(WireRequest request) {
        if (isGet(request)) return request.formQuery();
        return hasFormBody(request) ? request.formBody() : List.of();
    }

    /** The X-TC-* header (TC3) or else the parameter of the same name (v1), without decoding anything that failed. */
    static String common(WireRequest request, String name) {
        String value = request.header("x-tc-" + name);
        if (value == null || value.isBlank()) {
            try {
                value = FormCodec.first(pairs(request), name);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    static boolean isGet(WireRequest request) {
        return "GET".equals(request.method());
    }

    static boolean isPost(WireRequest request) {
        return "POST".equals(request.method());
    }

    static boolean hasFormBody(WireRequest request) {
        return isPost(request) && contentTypeStartsWith(request, "application/x-www-form-urlencoded");
    }

    private static boolean contentTypeStartsWith(WireRequest request, String mediaType) {
        String contentType = request.header("content-type");
        return contentType != null && contentType.trim().toLowerCase(Locale.ROOT).startsWith(mediaType);
    }

    private static TencentCall fromPairs(WireRequest request, List<Map.Entry<String, String>> pairs) {
        List<Map.Entry<String, String>> business = pairs.stream().filter(p -> !COMMON.contains(p.getKey())).toList();
        return call(request, pairs, Unflattener.unflatten(business));
    }

    private static List<Map.Entry<String, String>> readPairs(WireRequest request) {
        try {
            return pairs(request);
        } catch (IllegalArgumentException e) {
            throw TencentRefusals.invalidParameter("The parameters cannot be read: " + e.getMessage() + ".");
        }
    }

    private static TencentCall call(WireRequest request, List<Map.Entry<String, String>> pairs, Map<String, Object> params) {
        String action = common(request, pairs, "Action");
        String version = common(request, pairs, "Version");
        if (action == null || version == null) {
            String name = action == null ? "Action" : "Version";
            throw TencentRefusals.of(TencentRefusals.MISSING_PARAMETER, "The request has no " + name
                    + "; expected the header X-TC-" + name + " (TC3) or the parameter " + name + " (v1).");
        }
        return new TencentCall(action, version, common(request, pairs, "Region"), common(request, pairs, "Language"),
                params);
    }

    /** The X-TC-* header (TC3) wins over the parameter of the same name (v1); blank counts as absent. */
    private static String common(WireRequest request, List<Map.Entry<String, String>> pairs, String name) {
        String value = request.header("x-tc-" + name);
        if (value == null || value.isBlank()) value = FormCodec.first(pairs, name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Map<String, Object> json(byte[] body) {
        try {
            JsonNode tree = JSON.readTree(body);
            if (tree == null || tree.isMissingNode()) return Map.of(); // an empty body: no parameters
            if (!tree.isObject()) {
                String kind = tree.getNodeType().toString().toLowerCase(Locale.ROOT);
                throw TencentRefusals.invalidParameter("The request body is a JSON " + kind
                        + "; expected a JSON object of the action's parameters.");
            }
            return Collections.unmodifiableMap(JSON.convertValue(tree, OBJECT));
        } catch (JsonProcessingException e) {
            throw malformedJson(e);
        } catch (IOException e) {
            throw TencentRefusals.invalidParameter("The request body cannot be read; expected a JSON object.");
        }
    }

    private static Refusal malformedJson(JsonProcessingException e) {
        String original = e.getOriginalMessage();
        if (original != null && original.startsWith("Duplicate field")) {
            // Jackson names the field, never its value, here.
            String field = original.substring("Duplicate field ".length());
            return TencentRefusals.invalidParameter("The request body names the field " + field
                    + " more than once; expected each parameter once.");
        }
        // Jackson's other messages may quote the offending token, which can be a password: report the place only.
        var at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return TencentRefusals.invalidParameter("The request body is not valid JSON" + where
                + "; expected a JSON object of the action's parameters.");
    }
}
