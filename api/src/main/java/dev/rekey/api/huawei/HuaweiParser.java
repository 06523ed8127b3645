package dev.rekey.api.huawei;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rekey.api.Param;
import dev.rekey.api.Params;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Reads a DCS call's parameters against its route's schema: the path's variables, the query of a GET, the JSON body
 * of a PUT or POST. The body is read for its shape only: an object with string or boolean fields where the SDK models
 * declare them. Password values are never quoted in a message.
 */
final class HuaweiParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HuaweiParser() {
    }

    static Params params(HuaweiRequest request, DcsRoute route) {
        DcsPath path = request.path();
        boolean fromBody = !route.method().equals("GET");
        Map<String, String> query = fromBody ? Map.of() : firstValues(request);
        var sent = new LinkedHashSet<String>(fromBody ? names(request.body()) : query.keySet());
        var checked = new LinkedHashMap<String, Object>();
        for (Param p : route.schema()) {
            Object value;
            if (route.path().contains("{" + p.name() + "}")) value = path.instanceId();
            else value = fromBody ? bodyField(p, request.body().get(p.name())) : queryValue(p, query.get(p.name()));
            if (value != null) checked.put(p.name(), value);
        }
        return new Params(route.schema(), checked, sent);
    }

    /** DCS.4004 for an empty body, DCS.4005 for anything but a JSON object. */
    static ObjectNode jsonObject(byte[] body) {
        if (body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
            throw HuaweiRefusals.dcs("DCS.4004", "This API takes a JSON object body.");
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node instanceof ObjectNode object) return object;
            throw HuaweiRefusals.dcs("DCS.4005", "The body must be a JSON object.");
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw HuaweiRefusals.dcs("DCS.4005", at == null ? "The body is not valid JSON."
                    : "The body is not valid JSON (line " + at.getLineNr() + ", column " + at.getColumnNr() + ").");
        } catch (IOException e) {
            throw HuaweiRefusals.dcs("DCS.4005", "The body could not be read.");
        }
    }

    /** A password is a JSON string (DCS.4845 otherwise, or when required and absent); a flag a JSON boolean (DCS.4843). */
    private static Object bodyField(Param p, JsonNode value) {
        boolean absent = value == null || value.isNull();
        if (absent && p.presence() != Param.Presence.OPTIONAL) throw HuaweiRefusals.dcs("DCS.4845", p.name() + " is required.");
        if (absent) return null;
        return switch (p.type()) {
            case TEXT -> {
                if (!value.isTextual()) throw HuaweiRefusals.dcs("DCS.4845", p.name() + " must be a JSON string.");
                yield value.textValue();
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw HuaweiRefusals.dcs("DCS.4843", p.name() + " must be a JSON boolean (true or false).");
                }
                yield value.booleanValue();
            }
            case INTEGER, TEXTS, INTEGERS, ANY -> throw new IllegalStateException("no DCS body has " + p.describe());
        };
    }

    /** An empty query value is no value; integers are checked against their range (DCS.4062, naming the parameter). */
    private static Object queryValue(Param p, String value) {
        if (value == null || value.isEmpty()) return null;
        return switch (p.type()) {
            case TEXT -> value;
            case INTEGER -> integer(p, value);
            case BOOLEAN, TEXTS, INTEGERS, ANY -> throw new IllegalStateException("no DCS query has " + p.describe());
        };
    }

    private static Long integer(Param p, String value) {
        try {
            long n = Integer.parseInt(value);
            if (p.inRange(n)) return n;
        } catch (NumberFormatException e) {
            // falls through to the refusal
        }
        throw HuaweiRefusals.dcs("DCS.4062", p.name(), p.name() + " must be an integer from " + p.min() + " to "
                + p.max() + ".");
    }

    /** A repeated query parameter counts with its first value. */
    private static Map<String, String> firstValues(HuaweiRequest request) {
        var values = new LinkedHashMap<String, String>();
        request.wire().uriQuery().forEach(pair -> values.putIfAbsent(pair.getKey(), pair.getValue()));
        return values;
    }

    private static List<String> names(ObjectNode body) {
        var names = new ArrayList<String>();
        body.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
