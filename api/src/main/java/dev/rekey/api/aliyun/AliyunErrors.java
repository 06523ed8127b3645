package dev.rekey.api.aliyun;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Aliyun's error body, {@code {RequestId, HostId, Code, Message, Recommend}}: JSON, or {@code <Error>...</Error>}
 * when the request said {@code Format=XML}. Every SDK reads Code, Message and RequestId from it; pop-core treats any
 * body with a Code as an error.
 */
public final class AliyunErrors {
    public static final String JSON_CONTENT_TYPE = "application/json;charset=utf-8";
    /** Exactly this, no space: the new SDKs compare it literally before parsing a body as XML. */
    public static final String XML_CONTENT_TYPE = "text/xml;charset=utf-8";

    private static final ObjectMapper JSON = new ObjectMapper();

    @JsonPropertyOrder({"RequestId", "HostId", "Code", "Message", "Recommend"})
    record ErrorBody(@JsonProperty("RequestId") String requestId, @JsonProperty("HostId") String hostId,
                     @JsonProperty("Code") String code, @JsonProperty("Message") String message,
                     @JsonProperty("Recommend") String recommend) {
    }

    private AliyunErrors() {
    }

    /** {@code format} as {@link AliyunCall#format()} holds it: XML (any case) renders XML, anything else JSON. */
    public static String body(String format, String requestId, String hostId, String code, String message) {
        var body = new ErrorBody(requestId, hostId, code, message, recommend(code));
        try {
            // the newline after the declaration (unlike success bodies) is what the error tests pin
            return isXml(format) ? AliyunXml.DECLARATION + "\n" + AliyunXml.element("Error", body)
                    : JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the Aliyun error body for " + code, e);
        }
    }

    public static String contentType(String format) {
        return isXml(format) ? XML_CONTENT_TYPE : JSON_CONTENT_TYPE;
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
}
