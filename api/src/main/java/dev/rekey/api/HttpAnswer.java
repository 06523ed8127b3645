package dev.rekey.api;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What goes back on the wire (status, content type, extra headers and body bytes) and, beside it, what the access
 * line says about the request ({@link Access}), which the pipeline that answered fills in.
 */
public record HttpAnswer(int status, String contentType, Map<String, String> headers, byte[] body, Access access) {

    public HttpAnswer {
        headers = Map.copyOf(headers);
    }

    public HttpAnswer(int status, String contentType, Map<String, String> headers, byte[] body) {
        this(status, contentType, headers, body, Access.UNCLASSIFIED);
    }

    public HttpAnswer with(Access facts) {
        return new HttpAnswer(status, contentType, headers, body, facts);
    }

    public static HttpAnswer json(int status, String json) {
        return new HttpAnswer(status, "application/json", Map.of(), json.getBytes(StandardCharsets.UTF_8));
    }

    public static HttpAnswer json(int status, String json, Map<String, String> headers) {
        return new HttpAnswer(status, "application/json", headers, json.getBytes(StandardCharsets.UTF_8));
    }

    /** The plain answer to a body over {@code limitBytes}, for clouds that document no size error of their own. */
    public static HttpAnswer tooLarge(long limitBytes) {
        return json(413, "{\"error\":\"the request body is larger than " + limitBytes + " bytes\"}");
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
