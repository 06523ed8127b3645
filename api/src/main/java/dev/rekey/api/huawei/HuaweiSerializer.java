package dev.rekey.api.huawei;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rekey.api.HttpAnswer;
import dev.rekey.api.Refusal;

import java.util.Map;

/**
 * Huawei's answers, each with the {@code X-Request-Id} header the SDKs report as the request id of an error: a plain
 * JSON object on success, and three error envelopes: DCS v2, DCS v1.0 (with the table's numeric twin of the code,
 * which has the same message; a code without one keeps its DCS name), and the API gateway's, whatever the version.
 */
public final class HuaweiSerializer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HuaweiSerializer() {
    }

    static HttpAnswer success(Map<String, Object> body, String requestId) {
        return HttpAnswer.json(200, write(body), Map.of("X-Request-Id", requestId));
    }

    static HttpAnswer refusal(Refusal refusal, boolean v1, String requestId) {
        String body;
        int status = refusal.status();
        if (isGateway(refusal)) {
            body = gatewayErrorBody(refusal.code(), refusal.getMessage(), requestId);
        } else if (v1) {
            DcsCode twin = v1Twin(refusal);
            status = twin.status();
            body = v1ErrorBody(twin.code(), refusal.getMessage());
        } else {
            body = errorBody(refusal.code(), refusal.getMessage());
        }
        return HttpAnswer.json(status, body, Map.of("X-Request-Id", requestId));
    }

    /** The code the answer shows: the v1.0 twin in the v1.0 shape. */
    static String shownCode(Refusal refusal, boolean v1) {
        return v1 && !isGateway(refusal) ? v1Twin(refusal).code() : refusal.code();
    }

    private static boolean isGateway(Refusal refusal) {
        return refusal.code().startsWith("APIGW.");
    }

    private static DcsCode v1Twin(Refusal refusal) {
        return DcsErrorTable.SHIPPED.v1Equivalent(refusal.code())
                .orElse(new DcsCode(refusal.status(), refusal.code(), refusal.getMessage()));
    }

    /** DCS v2: {@code {"error_code":"DCS.4049","error_msg":"...","error_ext_msg":null}}. */
    public static String errorBody(String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error_code", code);
        body.put("error_msg", message);
        body.putNull("error_ext_msg"); // documented as unused and null; the SDK ignores it
        return write(body);
    }

    public static String errorBody(DcsCode error) {
        return errorBody(error.code(), error.message());
    }

    /** DCS v1.0: {@code {"error":{"code":"111400019","message":"..."}}}; the SDKs find code and message nested. */
    public static String v1ErrorBody(String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return write(body);
    }

    public static String v1ErrorBody(DcsCode error) {
        return v1ErrorBody(error.code(), error.message());
    }

    /** The API gateway's own errors (authentication, throttling): {@code request_id} is in the body too. */
    public static String gatewayErrorBody(String code, String message, String requestId) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error_msg", message);
        body.put("error_code", code);
        body.put("request_id", requestId);
        return write(body);
    }

    private static String write(Object node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an answer", e);
        }
    }
}
