package dev.rekey.api.aliyun;

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

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Alibaba Cloud RPC on the wire: the call read from query, form body and x-acs headers, its V1 or V3 signature, one
 * version of R-kvstore, and answers with the real HTTP status, in JSON or (Format=XML) XML.
 */
public final class AliyunDialect implements Dialect<AliyunRequest> {
    private final AliyunSignatureVerifier verifier;
    private final RouteTable routes;

    public AliyunDialect(AliyunSignatureVerifier verifier, RouteTable routes) {
        this.verifier = verifier;
        this.routes = routes;
    }

    @Override
    public Cloud cloud() {
        return Cloud.ALIYUN;
    }

    @Override
    public AliyunRequest read(WireRequest request) {
        return new AliyunRequest(request, UUID.randomUUID().toString().toUpperCase(Locale.ROOT));
    }

    @Override
    public String requestId(AliyunRequest request) {
        return request.requestId();
    }

    @Override
    public Subject subject(AliyunRequest request) {
        AliyunCall call = request.decoded();
        if (call == null) return Subject.NONE;
        RouteSpec<?> route = call.action() == null ? null : routes.byAction(call.action()).map(Route::spec).orElse(null);
        return new Subject(call.action(), instances(call), route);
    }

    /** The call is decoded here, before the signature is checked: V1 signs the decoded parameters. */
    @Override
    public void admit(AliyunRequest request) {
        request.call();
    }

    @Override
    public AuthResult authenticate(AliyunRequest request) {
        return verifier.verify(request.wire());
    }

    @Override
    public Route resolve(AliyunRequest request, Credential caller) {
        AliyunCall call = request.call();
        if (call.action() == null || call.action().isEmpty()) throw AliyunRefusals.missing("Action");
        if (call.version() == null || call.version().isEmpty()) throw AliyunRefusals.missing("Version");
        if (!AliyunRedisRoute.VERSION.equals(call.version())) {
            throw new Refusal(400, "InvalidVersion", "Specified parameter Version is not valid: Rekey serves R-kvstore "
                    + AliyunRedisRoute.VERSION + ", not " + AliyunRefusals.shown(call.version()) + ".");
        }
        return routes.byAction(call.action()).orElseThrow(() -> new Refusal(404, "InvalidApi.NotFound",
                "Specified api is not found, please check your url and method. Rekey serves R-kvstore "
                        + AliyunRedisRoute.VERSION + " " + routes.actionNames() + ", not "
                        + AliyunRefusals.shown(call.action()) + "."));
    }

    /** RegionId is accepted and not required: instance ids are global, so it only narrows DescribeInstances. */
    @Override
    public String region(AliyunRequest request) {
        return request.call().regionId();
    }

    @Override
    public Params parse(AliyunRequest request, Route route) {
        return AliyunParser.params(route.spec().schema(), request.call().params());
    }

    @Override
    public HttpAnswer success(AliyunRequest request, Route route, Map<String, Object> fields) {
        return AliyunSerializer.success(request.format(), route.spec().action(), request.requestId(), fields);
    }

    @Override
    public HttpAnswer refusal(AliyunRequest request, Refusal refusal) {
        return AliyunSerializer.refusal(request.format(), request.requestId(), refusal);
    }

    @Override
    public Refusal internalError(AliyunRequest request) {
        return new Refusal(500, "InternalError", "The request processing has failed due to some unknown error,"
                + " exception or failure. Quote RequestId " + request.requestId() + " when reporting it.");
    }

    /** The InstanceId a call names, or its comma-separated InstanceIds. */
    private static List<String> instances(AliyunCall call) {
        String id = call.params().get("InstanceId");
        if (id != null) return List.of(id);
        String ids = call.params().get("InstanceIds");
        return ids == null || ids.isEmpty() ? List.of() : Arrays.asList(ids.split(",", -1));
    }
}
