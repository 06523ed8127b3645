package dev.rekey.api.tencent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rekey.api.HttpAnswer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes Tencent's envelope: every answer, errors included, is HTTP 200 with a {@code Response} object that carries
 * the RequestId, because the official SDKs discard the body of any other status.
 */
final class TencentSerializer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TencentSerializer() {
    }

    static HttpAnswer success(Map<String, Object> fields, String requestId) {
        var body = new LinkedHashMap<>(fields);
        body.put("RequestId", requestId);
        return envelope(body);
    }

    static HttpAnswer refusal(String code, String message, String requestId) {
        var body = new LinkedHashMap<String, Object>();
        body.put("Error", Map.of("Code", code, "Message", message));
        body.put("RequestId", requestId);
        return envelope(body);
    }

    private static HttpAnswer envelope(Map<String, Object> response) {
        try {
            return HttpAnswer.json(200, JSON.writeValueAsString(Map.of("Response", response)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
