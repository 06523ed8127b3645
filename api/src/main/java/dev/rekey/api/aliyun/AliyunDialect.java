package dev.rekey.api.aliyun;

import dev.rekey.api.Access;
import dev.rekey.api.AuthResult;
import dev.rekey.api.Dialect;
import dev.rekey.api.HttpAnswer;
import dev.rekey.api.RawRequest;
import dev.rekey.core.Credential;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.UUID;

/**
 * Alibaba Cloud RPC on the wire: read the call from query, form body and x-acs headers, verify its V1 or V3
 * signature, check the version, run the action and answer with the real HTTP status, in JSON or (Format=XML) XML.
 */
public final class AliyunDialect implements Dialect {
    private static final Logger LOG = LoggerFactory.getLogger(AliyunDialect.class);
    private final AliyunSignatureVerifier verifier;
    private final AliyunRedis redis;

    public AliyunDialect(AliyunSignatureVerifier verifier, AliyunRedis redis) {
        this.verifier = verifier;
        this.redis = redis;
    }

    @Override
    public HttpAnswer handle(RawRequest raw) {
        String requestId = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        Access access = Access.of("aliyun", requestId);
        AliyunCall call;
        try {
            call = AliyunParameters.read(raw);
        } catch (IllegalArgumentException e) {
            return AliyunResponses.error("JSON", requestId, new AliyunError(400, "InvalidParameter",
                    "The query string or form body has a malformed percent-encoding (a % not followed by two hex digits)."))
                    .with(access.failed("InvalidParameter"));
        }
        access = access.withAction(call.action()).withInstance(instanceIds(call));
        try {
            Credential credential = switch (verifier.verify(raw)) {
                case AuthResult.Authenticated a -> a.credential();
                case AuthResult.Rejected r -> throw new AliyunError(r.status(), r.code(), r.message());
            };
            access = access.withTenant(credential.tenant());
            requireActionAndVersion(call);
            var request = new AliyunRequest(credential, call.action(), call.regionId(), new CallParams(call.params()), requestId);
            return AliyunResponses.success(call.format(), call.action(), requestId, redis.handle(request)).with(access);
        } catch (AliyunError e) {
            return AliyunResponses.error(call.format(), requestId, e).with(access.failed(e.code()));
        } catch (RuntimeException e) {
            LOG.error("internal error, RequestId {}", requestId, e);
            return AliyunResponses.error(call.format(), requestId, new AliyunError(500, "InternalError",
                    "The request processing has failed due to some unknown error, exception or failure. Quote RequestId "
                            + requestId + " when reporting it.")).with(access.failed("InternalError"));
        }
    }

    /** For the access line: the InstanceId a call names, or its comma-separated InstanceIds; null when none. */
    private static String instanceIds(AliyunCall call) {
        String id = call.params().get("InstanceId");
        return id != null ? id : call.params().get("InstanceIds");
    }

    private static void requireActionAndVersion(AliyunCall call) {
        if (call.action() == null || call.action().isEmpty()) throw AliyunError.missing("Action");
        if (call.version() == null || call.version().isEmpty()) throw AliyunError.missing("Version");
        if (!AliyunRedis.VERSION.equals(call.version())) {
            throw new AliyunError(400, "InvalidVersion", "Specified parameter Version is not valid: Rekey serves R-kvstore "
                    + AliyunRedis.VERSION + ", not " + Rejection.shown(call.version()) + ".");
        }
    }
}
