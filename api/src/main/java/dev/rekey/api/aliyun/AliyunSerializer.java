package dev.rekey.api.aliyun;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rekey.api.HttpAnswer;
import dev.rekey.api.Refusal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Aliyun's answers, JSON unless the call said {@code Format=XML}, every one with the header {@code x-acs-request-id}:
 * a flat success object with {@code RequestId} at the top (never a {@code Code}, which pop-core would take for an
 * error), or the error body {@code {RequestId, HostId, Code, Message, Recommend}} with the refusal's real status.
 */
public final class AliyunSerializer {
    public static final String JSON_CONTENT_TYPE = "application/json;charset=utf-8";
    /** Exactly this, no space: the new SDKs compare it literally before parsing a body as XML. */
    public static final String XML_CONTENT_TYPE = "text/xml;charset=utf-8";
    /** What the real service puts in HostId; the SDKs only show it. */
    static final String HOST_ID = "r-kvstore.aliyuncs.com";

    private static final ObjectMapper JSON = new ObjectMapper();

    @JsonPropertyOrder({"RequestId", "HostId", "Code", "Message", "Recommend"})
    record ErrorBody(@JsonProperty("RequestId") String requestId, @JsonProperty("HostId") String hostId,
                     @JsonProperty("Code") String code, @JsonProperty("Message") String message,
                     @JsonProperty("Recommend") String recommend) {
    }

    private AliyunSerializer() {
    }

    static HttpAnswer success(String format, String action, String requestId, Map<String, Object> fields) {
        var body = new LinkedHashMap<String, Object>();
        body.put("RequestId", requestId);
        body.putAll(fields);
        String text = isXml(format) ? AliyunXml.DECLARATION + AliyunXml.element(action + "Response", body) : json(body);
        return answer(200, format, requestId, text);
    }

    static HttpAnswer refusal(String format, String requestId, Refusal refusal) {
        return answer(refusal.status(), format, requestId,
                errorBody(format, requestId, HOST_ID, refusal.code(), refusal.getMessage()));
    }

    /** {@code format} as {@link AliyunCall#format()} holds it: XML (any case) renders XML, anything else JSON. */
    public static String errorBody(String format, String requestId, String hostId, String code, String message) {
        var body = new ErrorBody(requestId, hostId, code, message, recommend(code));
        // the newline after the declaration (unlike success bodies) is what the error tests pin
        return isXml(format) ? AliyunXml.DECLARATION + "\n" + AliyunXml.element("Error", body) : json(body);
    }

    public static String contentType(String format) {
        return isXml(format) ? XML_CONTENT_TYPE : JSON_CONTENT_TYPE;
    }

    private static HttpAnswer answer(int status, String format, String requestId, String body) {
        return new HttpAnswer(status, contentType(format), Map.of("x-acs-request-id", requestId),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isXml(String format) {
        return "XML".equalsIgnoreCase(format);
    }

    /** The troubleshooting link the real service adds; informational only. */
    private static String recommend(String code) {
        if (code == null) return null;
        return "https://api.aliyun.com/troubleshoot?q=" + URLEncoder.encode(code, StandardCharsets.UTF_8)
                + "&product=R-kvstore";
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the JSON body", e);
        }
    }
}
