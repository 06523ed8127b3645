package dev.rekey.api.huawei;

import dev.rekey.api.AuthResult;
import dev.rekey.api.Dialect;
import dev.rekey.api.HttpAnswer;
import dev.rekey.api.Params;
import dev.rekey.api.Refusal;
import dev.rekey.api.Route;
import dev.rekey.api.RouteTable;
import dev.rekey.api.Subject;
import dev.rekey.api.WireRequest;
import dev.rekey.core.Cloud;
import dev.rekey.core.Credential;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Huawei Cloud DCS on the wire: the API gateway's AK/SK check, routes by method and path, the path's project bound to
 * the key, and the v2, v1.0 and gateway error shapes.
 */
public final class HuaweiDialect implements Dialect<HuaweiRequest> {
    private final HuaweiSignatureVerifier verifier;
    private final RouteTable routes;

    public HuaweiDialect(HuaweiSignatureVerifier verifier, RouteTable routes) {
        this.verifier = verifier;
        this.routes = routes;
    }

    @Override
    public Cloud cloud() {
        return Cloud.HUAWEI;
    }

    @Override
    public HuaweiRequest read(WireRequest request) {
        return new HuaweiRequest(request, UUID.randomUUID().toString().replace("-", ""));
    }

    @Override
    public String requestId(HuaweiRequest request) {
        return request.requestId();
    }

    @Override
    public Subject subject(HuaweiRequest request) {
        DcsPath path = request.pathIfAny();
        if (path == null) return Subject.NONE;
        List<String> instances = path.instanceId() == null ? List.of() : List.of(path.instanceId());
        return new Subject(path.route().action(), instances, path.route());
    }

    @Override
    public void admit(HuaweiRequest request) {
        // the API gateway refuses nothing before it has checked the signature
    }

    @Override
    public AuthResult authenticate(HuaweiRequest request) {
        return verifier.verify(request.wire());
    }

    @Override
    public Route resolve(HuaweiRequest request, Credential caller) {
        DcsPath path = request.path();
        requireProject(path, caller, request.wire());
        requireInstanceIdFormat(path);
        return routes.bySpec(path.route());
    }

    @Override
    public String region(HuaweiRequest request) {
        return null;
    }

    @Override
    public Params parse(HuaweiRequest request, Route route) {
        return HuaweiParser.params(request, (DcsRoute) route.spec());
    }

    @Override
    public HttpAnswer success(HuaweiRequest request, Route route, Map<String, Object> fields) {
        return HuaweiSerializer.success(fields, request.requestId());
    }

    @Override
    public HttpAnswer refusal(HuaweiRequest request, Refusal refusal) {
        return HuaweiSerializer.refusal(refusal, request.v1Shape(), request.requestId());
    }

    @Override
    public String shownCode(HuaweiRequest request, Refusal refusal) {
        return HuaweiSerializer.shownCode(refusal, request.v1Shape());
    }

    @Override
    public Refusal internalError(HuaweiRequest request) {
        return HuaweiRefusals.dcs("DCS.5000", "Quote X-Request-Id " + request.requestId() + " when reporting it.");
    }

    /** The path's project must be the key's own, and the X-Project-Id header (when sent) the same. */
    private static void requireProject(DcsPath path, Credential caller, WireRequest request) {
        String header = request.header("x-project-id");
        if (!path.projectId().equals(caller.projectId())) {
            throw HuaweiRefusals.dcs("DCS.1004", "The project in the path is not the project of access key "
                    + caller.keyId() + ".");
        }
        if (header != null && !header.strip().equals(path.projectId())) {
            throw HuaweiRefusals.dcs("DCS.1004", "The X-Project-Id header differs from the project in the path.");
        }
    }

    /** DCS.4061 only for characters no DCS id has; any other unknown id is simply not found (DCS.3022). */
    private static void requireInstanceIdFormat(DcsPath path) {
        String id = path.instanceId();
        if (id != null && (id.isEmpty() || !id.chars().allMatch(HuaweiDialect::idCharacter))) {
            throw HuaweiRefusals.dcs("DCS.4061", "An instance id has only letters, digits and '-'.");
        }
    }

    private static boolean idCharacter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    }
}
