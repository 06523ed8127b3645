package dev.rekey.api.huawei;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rekey.api.Refusal;
import dev.rekey.api.WireRequest;

/**
 * A DCS request as the pipeline carries it: the request as received, its X-Request-Id (32 lower-case hex, as
 * Huawei's), and, decoded on first use and once, the route its path names and its JSON body.
 */
public final class HuaweiRequest {
    private final WireRequest wire;
    private final String requestId;
    private DcsPath path;
    private ObjectNode body;

    HuaweiRequest(WireRequest wire, String requestId) {
        this.wire = wire;
        this.requestId = requestId;
    }

    WireRequest wire() {
        return wire;
    }

    String requestId() {
        return requestId;
    }

    /** Errors of the v1.0 API are answered in its own shape: judged by the path, so that a 404 there is v1.0 too. */
    boolean v1Shape() {
        return DcsPath.isV1Path(wire.path());
    }

    /** @throws Refusal DCS.4001 (no such path) or DCS.5001 (another method) */
    DcsPath path() {
        if (path == null) path = DcsRoute.match(wire.method(), wire.path());
        return path;
    }

    /** The path's route if it has one, without refusing: for what the request names before it is authenticated. */
    DcsPath pathIfAny() {
        try {
            return path();
        } catch (Refusal unknown) {
            return null;
        }
    }

    /** @throws Refusal DCS.4004 (empty) or DCS.4005 (not a JSON object) */
    ObjectNode body() {
        if (body == null) body = HuaweiParser.jsonObject(wire.body());
        return body;
    }
}
