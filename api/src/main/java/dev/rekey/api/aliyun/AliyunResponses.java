package dev.rekey.api.aliyun;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rekey.api.HttpAnswer;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Aliyun's envelopes: a flat success object with {@code RequestId} at the top (never a {@code Code}, which pop-core
 * would take for an error), or the error body of {@link AliyunErrors}; JSON unless the call said {@code Format=XML}.
 */
final class AliyunResponses {
    /** What the real service puts in HostId; the SDKs only show it. */
    static final String HOST_ID = "r-kvstore.aliyuncs.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AliyunResponses() {
    }

    static HttpAnswer success(String format, String action, String requestId, Map<String, Object> fields) {
        var body = new LinkedHashMap<String, Object>();
        body.put("RequestId", requestId);
        body.putAll(fields);
        String text = "XML".equalsIgnoreCase(format)
                ? AliyunXml.DECLARATION + AliyunXml.element(action + "Response", body)
                : json(body);
        return answer(200, format, requestId, text);
    }

    static HttpAnswer error(String format, String requestId, AliyunError e) {
        return answer(e.status(), format, requestId, AliyunErrors.body(format, requestId, HOST_ID, e.code(), e.getMessage()));
    }

    private static HttpAnswer answer(int status, String format, String requestId, String body) {
        return new HttpAnswer(status, AliyunErrors.contentType(format), Map.of("x-acs-request-id", requestId),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static String json(Map<String, Object> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the JSON body", e);
        }
    }
}
