package dev.rekey.api.tencent;

import dev.rekey.api.AuthResult;
import dev.rekey.api.Dialect;
import dev.rekey.api.HttpAnswer;
import dev.rekey.api.Params;
import dev.rekey.api.Refusal;
import dev.rekey.api.Route;
import dev.rekey.api.RouteSpec;
import dev.rekey.api.RouteTable;
import dev.rekey.api.Subject;
import dev.rekey.api.WireRequest;
import dev.rekey.core.Cloud;
import dev.rekey.core.Credential;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Tencent Cloud API 3.0 on the wire: GET or POST only, the documented size limits, TC3 or legacy signatures, one
 * route table per product chosen by Version, and the HTTP-200 {@code Response} envelope for every answer.
 */
public final class TencentDialect implements Dialect<TencentRequest> {
    /** Documented limits: GET 32 KB of query, legacy (v1) form POST 1 MB, TC3 POST 10 MB (the server's own limit). */
    private static final int GET_LIMIT = 32 * 1024;
    private static final int LEGACY_POST_LIMIT = 1024 * 1024;

    private final TencentSignatureVerifier verifier;
    private final Map<String, RouteTable> byVersion = new LinkedHashMap<>();

    /** {@code tables}: one per product (redis 2018-04-12, cvm 2017-03-12), told apart by the Version of a call. */
    public TencentDialect(TencentSignatureVerifier verifier, List<RouteTable> tables) {
        this.verifier = verifier;
        for (RouteTable table : tables) {
            table.routes().forEach(route -> byVersion.put(route.spec().version(), table));
        }
    }

    @Override
    public Cloud cloud() {
        return Cloud.TENCENT;
    }

    @Override
    public TencentRequest read(WireRequest request) {
        return new TencentRequest(request, UUID.randomUUID().toString());
    }

    @Override
    public String requestId(TencentRequest request) {
        return request.requestId();
    }

    /** Before the call is decoded, the Action and Version of the headers or the parameters; then the InstanceId(s). */
    @Override
    public Subject subject(TencentRequest request) {
        TencentCall call = request.decoded();
        if (call != null) return new Subject(call.action(), instances(call.params()), spec(call.version(), call.action()));
        String action = TencentParser.common(request.wire(), "Action");
        return new Subject(action, List.of(), spec(TencentParser.common(request.wire(), "Version"), action));
    }

    @Override
    public void admit(TencentRequest request) {
        WireRequest wire = request.wire();
        if (!wire.method().equals("GET") && !wire.method().equals("POST")) {
            throw TencentRefusals.of("UnsupportedProtocol", "only GET and POST are supported, not " + wire.method());
        }
        String query = wire.raw().rawQuery();
        if (wire.method().equals("GET") && query != null && query.length() > GET_LIMIT) {
            throw TencentRefusals.of("RequestSizeLimitExceeded", "a GET request's query may be at most 32 KB; use POST");
        }
        String authorization = wire.header("authorization");
        boolean legacy = authorization == null || !authorization.startsWith("TC3-HMAC-SHA256 ");
        if (wire.method().equals("POST") && legacy && wire.body().length > LEGACY_POST_LIMIT) {
            throw TencentRefusals.of("RequestSizeLimitExceeded",
                    "a legacy (HmacSHA1/HmacSHA256) POST may be at most 1 MB; use TC3-HMAC-SHA256");
        }
    }

    @Override
    public AuthResult authenticate(TencentRequest request) {
        return verifier.verify(request.wire());
    }

    /** The call's Version chooses the product; every action needs a Region; then the action its route. */
    @Override
    public Route resolve(TencentRequest request, Credential caller) {
        TencentCall call = request.call();
        RouteTable table = byVersion.get(call.version());
        if (table == null) {
            throw TencentRefusals.of("NoSuchVersion", "the API version '" + call.version() + "' does not exist;"
                    + " supported: " + String.join(", ", byVersion.keySet()));
        }
        if (call.region() == null || call.region().isEmpty()) {
            throw TencentRefusals.of("MissingParameter", "the request is missing the Region (X-TC-Region header or"
                    + " Region parameter)");
        }
        return table.byAction(call.action()).orElseThrow(() -> TencentRefusals.of("InvalidAction", "the action "
                + call.action() + " does not exist in " + product(table) + " " + call.version() + "; Rekey serves "
                + table.actionNames()));
    }

    @Override
    public String region(TencentRequest request) {
        return request.call().region();
    }

    @Override
    public Params parse(TencentRequest request, Route route) {
        return TencentSchema.check(route.spec().schema(), request.call().params());
    }

    @Override
    public HttpAnswer success(TencentRequest request, Route route, Map<String, Object> fields) {
        return TencentSerializer.success(fields, request.requestId());
    }

    @Override
    public HttpAnswer refusal(TencentRequest request, Refusal refusal) {
        return TencentSerializer.refusal(refusal.code(), refusal.getMessage(), request.requestId());
    }

    @Override
    public Refusal internalError(TencentRequest request) {
        return TencentRefusals.of("InternalError", "an internal error occurred; quote RequestId "
                + request.requestId() + " when reporting it");
    }

    @Override
    public Optional<Refusal> tooLarge(long limitBytes) {
        return Optional.of(TencentRefusals.of("RequestSizeLimitExceeded", "the request body is larger than "
                + limitBytes + " bytes, the limit for TC3 POST"));
    }

    private RouteSpec<?> spec(String version, String action) {
        RouteTable table = version == null ? null : byVersion.get(version);
        return table == null || action == null ? null : table.byAction(action).map(Route::spec).orElse(null);
    }

    /** "redis" or "cvm": the product's short name, as the messages name it. */
    private static String product(RouteTable table) {
        return table.routes().getFirst().spec().product().key().replace("tencent-", "");
    }

    /** The InstanceId a call names, or its InstanceIds. */
    private static List<String> instances(Map<String, Object> params) {
        if (params.get("InstanceId") instanceof String id) return List.of(id);
        if (params.get("InstanceIds") instanceof List<?> ids) return ids.stream().map(String::valueOf).toList();
        return List.of();
    }
}
