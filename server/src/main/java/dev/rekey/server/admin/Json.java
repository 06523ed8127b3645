package dev.rekey.server.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The admin API's JSON: views written in kebab case; small request bodies bound strictly (an unknown field, a
 * number where text goes, is a 400 that names the field).
 */
final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(LogicalType.Textual, c -> {
                c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
                c.setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
                c.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
            })
            .build();

    private Json() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a view could not be written", e);
        }
    }

    /** A small request body of type {@code type}; an empty body is an empty object. */
    static <T> T read(String body, Class<T> type) {
        try {
            return MAPPER.readValue(body == null || body.isBlank() ? "{}" : body, type);
        } catch (UnrecognizedPropertyException e) {
            throw ApiError.badRequest(e.getPropertyName(), "unknown field '" + e.getPropertyName() + "' (allowed: "
                    + e.getKnownPropertyIds().stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new)) + ")");
        } catch (MismatchedInputException e) {
            String field = field(e);
            throw ApiError.badRequest(field, field == null ? "must be a JSON object" : "must be a text value");
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            throw ApiError.badRequest(null, "not valid JSON" + where);
        }
    }

    private static String field(JsonMappingException e) {
        var sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) sb.append(sb.isEmpty() ? "" : ".").append(r.getFieldName());
            else sb.append('[').append(r.getIndex()).append(']');
        }
        return sb.isEmpty() ? null : sb.toString();
    }
}
