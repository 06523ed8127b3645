package dev.rekey.api.huawei;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rekey.api.Access;
import dev.rekey.api.AuthResult;
import dev.rekey.api.Dialect;
import dev.rekey.api.HttpAnswer;
import dev.rekey.api.RawRequest;
import dev.rekey.core.Credential;
import dev.rekey.core.FailureException;
import dev.rekey.core.InstanceQueries;
import dev.rekey.core.Limits;
import dev.rekey.core.LockoutPolicy;
import dev.rekey.core.PasswordChanges;
import dev.rekey.core.Product;
import dev.rekey.core.RateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.UUID;

/**
 * Huawei Cloud DCS on the wire: the v2 password, reset, show and list APIs and the v1.0 password API, behind the API
 * gateway's AK/SK check. Every answer carries an {@code X-Request-Id} header (32 lower-case hex, as Huawei's), which
 * the SDKs report as the request id of an error.
 */
public final class HuaweiDialect implements Dialect {
    private static final Logger LOG = LoggerFactory.getLogger(HuaweiDialect.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Five wrong old passwords in a row lock the instance (seeds 002 and 004). */
    public static final int MAX_ATTEMPTS = 5;
    /** The seed's range for lock_time, in minutes. */
    static final int MAX_LOCK_MINUTES = 5;
    /** Requests per second per tenant and API unless {@code limits: huawei-dcs: <API>: n} says otherwise. */
    static final int DEFAULT_PER_SECOND = 20;

    private final HuaweiSignatureVerifier verifier;
    private final RateLimiter rateLimiter;
    private final Limits limits;
    private final DcsV2Actions v2;
    private final DcsV1Actions v1;
    private final DcsDescriber describer;

    /** {@code lockout}: the policy the core applies to DCS instances; its figures are part of every answer. */
    public HuaweiDialect(HuaweiSignatureVerifier verifier, PasswordChanges changes, InstanceQueries instances,
                         LockoutPolicy lockout, RateLimiter rateLimiter, Limits limits) {
        this.verifier = verifier;
        this.rateLimiter = rateLimiter;
        this.limits = limits;
        var change = new DcsPasswordChange(changes, instances, lockout);
        this.v2 = new DcsV2Actions(changes, change);
        this.v1 = new DcsV1Actions(change);
        this.describer = new DcsDescriber(instances);
    }

    /** {@code limits: huawei-dcs: lock-minutes}, 0 to 5 as the seed's range allows; 5 when absent. */
    public static int lockMinutes(Limits limits) {
        int minutes = limits.get(Product.HUAWEI_DCS, "lock-minutes", MAX_LOCK_MINUTES);
        if (minutes < 0 || minutes > MAX_LOCK_MINUTES) {
            throw new IllegalArgumentException("limits.huawei-dcs.lock-minutes must be 0 to " + MAX_LOCK_MINUTES
                    + " (the range DCS documents for lock_time), got " + minutes);
        }
        return minutes;
    }

    @Override
    public HttpAnswer handle(RawRequest raw) {
        String requestId = UUID.randomUUID().toString().replace("-", "");
        boolean v1Shape = DcsRoute.isV1Path(raw.path());
        Access access = Access.of("huawei", requestId);
        try {
            return switch (verifier.verify(raw)) {
                case AuthResult.Rejected r -> gatewayRejection(r, requestId).with(access.failed(r.code()));
                case AuthResult.Authenticated a -> {
                    access = access.withTenant(a.credential().tenant());
                    DcsRoute route = DcsRoute.of(raw.method(), raw.path());
                    access = access.withAction(route.operation().apiName).withInstance(route.instanceId());
                    yield serve(a.credential(), route, raw, requestId).with(access);
                }
            };
        } catch (DcsRefusal e) {
            return e.answer(v1Shape, requestId, access);
        } catch (FailureException e) {
            return DcsErrors.of(e.failure()).answer(v1Shape, requestId, access);
        } catch (RuntimeException e) {
            LOG.error("internal error, X-Request-Id {}", requestId, e);
            return new DcsRefusal("DCS.5000", "Quote X-Request-Id " + requestId + " when reporting it.").answer(v1Shape, requestId, access);
        }
    }

    private HttpAnswer serve(Credential credential, DcsRoute route, RawRequest raw, String requestId) {
        DcsCall call = new DcsCall(credential, route, raw, requestId);
        requireProject(call);
        requireInstanceIdFormat(route);
        String api = route.operation().apiName;
        rateLimiter.acquire("huawei-dcs/" + api + "/" + call.tenant(), limits.get(Product.HUAWEI_DCS, api, DEFAULT_PER_SECOND));
        return ok(dispatch(call), requestId);
    }

    private Map<String, Object> dispatch(DcsCall call) {
        return switch (call.route().operation()) {
            case UPDATE_PASSWORD -> v2.updatePassword(call);
            case RESET_PASSWORD -> v2.resetPassword(call);
            case SHOW_INSTANCE -> describer.show(call);
            case LIST_INSTANCES -> describer.list(call);
            case UPDATE_PASSWORD_V1 -> v1.updatePassword(call);
        };
    }

    /** The path's project must be the key's own, and the X-Project-Id header (when sent) the same. */
    private static void requireProject(DcsCall call) {
        String path = call.route().projectId();
        String header = call.raw().header("x-project-id");
        if (!path.equals(call.credential().projectId())) {
            throw new DcsRefusal("DCS.1004", "The project in the path is not the project of access key " + call.actor() + ".");
        }
        if (header != null && !header.strip().equals(path)) {
            throw new DcsRefusal("DCS.1004", "The X-Project-Id header differs from the project in the path.");
        }
    }

    /** DCS.4061 only for characters no DCS id has; any other unknown id is simply not found (DCS.3022). */
    private static void requireInstanceIdFormat(DcsRoute route) {
        String id = route.instanceId();
        if (id != null && (id.isEmpty() || !id.chars().allMatch(HuaweiDialect::idCharacter))) {
            throw new DcsRefusal("DCS.4061", "An instance id has only letters, digits and '-'.");
        }
    }

    private static boolean idCharacter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    }

    private static HttpAnswer gatewayRejection(AuthResult.Rejected r, String requestId) {
        return HttpAnswer.json(r.status(), HuaweiErrors.gatewayErrorBody(r.code(), r.message(), requestId),
                Map.of("X-Request-Id", requestId));
    }

    private static HttpAnswer ok(Map<String, Object> body, String requestId) {
        try {
            return HttpAnswer.json(200, JSON.writeValueAsString(body), Map.of("X-Request-Id", requestId));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an answer", e);
        }
    }
}
