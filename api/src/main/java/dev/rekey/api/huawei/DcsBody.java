package dev.rekey.api.huawei;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rekey.api.RawRequest;
import dev.rekey.core.Secret;

import java.io.IOException;

/**
 * A JSON request body, read for its shape only: an object, with string or boolean fields where the SDK models
 * declare them. Password values become {@link Secret}s at once and never appear in a message.
 */
final class DcsBody {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ObjectNode fields;

    private DcsBody(ObjectNode fields) {
        this.fields = fields;
    }

    /** DCS.4004 for an empty body, DCS.4005 for anything but a JSON object. */
    static DcsBody of(RawRequest raw) {
        if (raw.body().length == 0 || raw.bodyText().isBlank()) {
            throw new DcsRefusal("DCS.4004", "This API takes a JSON object body.");
        }
        try {
            JsonNode node = JSON.readTree(raw.body());
            if (node instanceof ObjectNode object) return new DcsBody(object);
            throw new DcsRefusal("DCS.4005", "The body must be a JSON object.");
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new DcsRefusal("DCS.4005", at == null ? "The body is not valid JSON."
                    : "The body is not valid JSON (line " + at.getLineNr() + ", column " + at.getColumnNr() + ").");
        } catch (IOException e) {
            throw new DcsRefusal("DCS.4005", "The body could not be read.");
        }
    }

    boolean has(String name) {
        JsonNode value = fields.get(name);
        return value != null && !value.isNull();
    }

    /** A password field: DCS.4845 when it is missing or not a JSON string. */
    Secret password(String name) {
        JsonNode value = fields.get(name);
        if (value == null || value.isNull()) {
            throw new DcsRefusal("DCS.4845", name + " is required.");
        }
        if (!value.isTextual()) {
            throw new DcsRefusal("DCS.4845", name + " must be a JSON string.");
        }
        return Secret.of(value.textValue());
    }

    /** A JSON boolean, or {@code fallback} when absent or null; DCS.4843 for any other type (the model's Boolean). */
    boolean noPasswordAccess(boolean fallback) {
        JsonNode value = fields.get("no_password_access");
        if (value == null || value.isNull()) return fallback;
        if (!value.isBoolean()) {
            throw new DcsRefusal("DCS.4843", "no_password_access must be a JSON boolean (true or false).");
        }
        return value.booleanValue();
    }
}
