package dev.rekey.api.tencent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rekey.api.RawRequest;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Tencent request into a {@link TencentCall}. TC3 puts Action, Version, Region and Language in X-TC-* headers;
 * v1 puts them among the parameters. A POST carries its parameters as JSON (TC3) or as a form (v1); a GET as its query.
 */
public final class TencentParameters {
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

    private TencentParameters() {
    }

    public static TencentCall parse(RawRequest request) {
        if (WireParams.isGet(request) || WireParams.hasFormBody(request)) {
            return fromPairs(request, pairs(request));
        }
        if (!WireParams.isPost(request)) {
            throw new TencentParameterException(TencentParameterException.UNSUPPORTED_PROTOCOL,
                    "The method " + Refusal.quote(request.method()) + " is not supported; expected GET or POST.");
        }
        String contentType = request.header("content-type");
        if (contentType != null && !WireParams.contentTypeStartsWith(request, "application/json")) {
            throw TencentParameterException.invalid("The Content-Type " + Refusal.quote(contentType) + " is not"
                    + " supported; expected application/json (TC3) or application/x-www-form-urlencoded (v1).");
        }
        return call(request, List.of(), json(request.body()));
    }

    private static TencentCall fromPairs(RawRequest request, List<Map.Entry<String, String>> pairs) {
        List<Map.Entry<String, String>> business = pairs.stream().filter(p -> !COMMON.contains(p.getKey())).toList();
        return call(request, pairs, Unflattener.unflatten(business));
    }

    private static TencentCall call(RawRequest request, List<Map.Entry<String, String>> pairs,
                                    Map<String, Object> params) {
        String action = common(request, pairs, "Action");
        String version = common(request, pairs, "Version");
        if (action == null || version == null) {
            String name = action == null ? "Action" : "Version";
            throw new TencentParameterException(TencentParameterException.MISSING_PARAMETER, "The request has no "
                    + name + "; expected the header X-TC-" + name + " (TC3) or the parameter " + name + " (v1).");
        }
        return new TencentCall(action, version, common(request, pairs, "Region"), common(request, pairs, "Language"),
                params);
    }

    /** The X-TC-* header (TC3) wins over the parameter of the same name (v1); blank counts as absent. */
    private static String common(RawRequest request, List<Map.Entry<String, String>> pairs, String name) {
        String value = request.header("x-tc-" + name);
        if (value == null || value.isBlank()) value = WireParams.first(pairs, name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static List<Map.Entry<String, String>> pairs(RawRequest request) {
        try {
            return WireParams.pairs(request);
        } catch (IllegalArgumentException e) {
            throw TencentParameterException.invalid("The parameters cannot be read: " + e.getMessage() + ".");
        }
    }

    private static Map<String, Object> json(byte[] body) {
        try {
            JsonNode tree = JSON.readTree(body);
            if (tree == null || tree.isMissingNode()) return Map.of(); // an empty body: no parameters
            if (!tree.isObject()) {
                String kind = tree.getNodeType().toString().toLowerCase(Locale.ROOT);
                throw TencentParameterException.invalid("The request body is a JSON " + kind
                        + "; expected a JSON object of the action's parameters.");
            }
            return Collections.unmodifiableMap(JSON.convertValue(tree, OBJECT));
        } catch (JsonProcessingException e) {
            String original = e.getOriginalMessage();
            if (original != null && original.startsWith("Duplicate field")) {
                // Jackson names the field, never its value, here.
                String field = original.substring("Duplicate field ".length());
                throw TencentParameterException.invalid("The request body names the field " + field
                        + " more than once; expected each parameter once.");
            }
            // Jackson's other messages may quote the offending token, which can be a password: report the place only.
            var at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw TencentParameterException.invalid("The request body is not valid JSON" + where
                    + "; expected a JSON object of the action's parameters.");
        } catch (IOException e) {
            throw TencentParameterException.invalid("The request body cannot be read; expected a JSON object.");
        }
    }
}
