package dev.rekey.api.tencent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rekey.api.Access;
import dev.rekey.api.AuthResult;
import dev.rekey.api.Dialect;
import dev.rekey.api.HttpAnswer;
import dev.rekey.api.RawRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Tencent Cloud API 3.0 on the wire. Every answer, errors included, is HTTP 200 with a {@code Response} object that
 * carries a RequestId: the official SDKs discard the body of any other status.
 */
public final class TencentDialect implements Dialect {
    private static final Logger LOG = LoggerFactory.getLogger(TencentDialect.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLOUD = "tencent";
    private final TencentSignatureVerifier verifier;
    private final Map<String, TencentProduct> products;

    public TencentDialect(TencentSignatureVerifier verifier, List<TencentProduct> products) {
        this.verifier = verifier;
        this.products = products.stream().collect(Collectors.toMap(TencentProduct::version, Function.identity()));
    }

    /** Documented limits: GET 32 KB of query, legacy (v1) form POST 1 MB, TC3 POST 10 MB. */
    private static final int GET_LIMIT = 32 * 1024;
    private static final int LEGACY_POST_LIMIT = 1024 * 1024;

    @Override
    public HttpAnswer tooLarge(RawRequest headersOnly, long limitBytes) {
        String requestId = UUID.randomUUID().toString();
        return error("RequestSizeLimitExceeded", "the request body is larger than " + limitBytes + " bytes, the limit for TC3 POST",
                requestId).with(Access.of(CLOUD, requestId).failed("RequestSizeLimitExceeded"));
    }

    @Override
    public HttpAnswer handle(RawRequest raw) {
        String requestId = UUID.randomUUID().toString();
        Access access = Access.of(CLOUD, requestId);
        try {
            if (!raw.method().equals("GET") && !raw.method().equals("POST")) {
                throw new TencentError("UnsupportedProtocol", "only GET and POST are supported, not " + raw.method());
            }
            refuseOversized(raw);
            var credential = switch (verifier.verify(raw)) {
                case AuthResult.Authenticated a -> a.credential();
                case AuthResult.Rejected r -> throw new TencentError(r.code(), r.message());
            };
            access = access.withTenant(credential.tenant());
            TencentCall call = parse(raw);
            access = access.withAction(call.action()).withInstance(instanceIds(call.params()));
            TencentProduct product = products.get(call.version());
            if (product == null) {
                throw new TencentError("NoSuchVersion", "the API version '" + call.version() + "' does not exist; supported: "
                        + String.join(", ", products.keySet()));
            }
            var request = new TencentRequest(credential, call.action(), call.region(), new TencentParams(call.params()), requestId);
            return success(product.handle(request), requestId).with(access);
        } catch (TencentError e) {
            return error(e.code(), e.getMessage(), requestId).with(access.failed(e.code()));
        } catch (RuntimeException e) {
            LOG.error("internal error, RequestId {}", requestId, e);
            return error("InternalError", "an internal error occurred; quote RequestId " + requestId + " when reporting it", requestId)
                    .with(access.failed("InternalError"));
        }
    }

    /** For the access line: the InstanceId a call names, or its InstanceIds joined by commas; null when none. */
    private static String instanceIds(Map<String, Object> params) {
        if (params.get("InstanceId") instanceof String id) return id;
        if (params.get("InstanceIds") instanceof List<?> ids) return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
        return null;
    }

    private static void refuseOversized(RawRequest raw) {
        if (raw.method().equals("GET") && raw.rawQuery() != null && raw.rawQuery().length() > GET_LIMIT) {
            throw new TencentError("RequestSizeLimitExceeded", "a GET request's query may be at most 32 KB; use POST");
        }
        boolean legacy = raw.header("authorization") == null || !raw.header("authorization").startsWith("TC3-HMAC-SHA256 ");
        if (raw.method().equals("POST") && legacy && raw.body().length > LEGACY_POST_LIMIT) {
            throw new TencentError("RequestSizeLimitExceeded", "a legacy (HmacSHA1/HmacSHA256) POST may be at most 1 MB; use TC3-HMAC-SHA256");
        }
    }

    private static TencentCall parse(RawRequest raw) {
        try {
            TencentCall call = TencentParameters.parse(raw);
            if (call.action() == null || call.action().isEmpty()) {
                throw new TencentError("MissingParameter", "the request is missing the Action (X-TC-Action header or Action parameter)");
            }
            if (call.version() == null || call.version().isEmpty()) {
                throw new TencentError("MissingParameter", "the request is missing the Version (X-TC-Version header or Version parameter)");
            }
            return call;
        } catch (TencentParameterException e) {
            throw new TencentError(e.code(), e.getMessage());
        }
    }

    static HttpAnswer success(Map<String, Object> fields, String requestId) {
        var body = new LinkedHashMap<>(fields);
        body.put("RequestId", requestId);
        return envelope(body);
    }

    static HttpAnswer error(String code, String message, String requestId) {
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
