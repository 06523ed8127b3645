package dev.rekey.api;

import dev.rekey.core.Cloud;
import dev.rekey.core.Credential;

import java.util.Map;
import java.util.Optional;

/**
 * One cloud's wire, stage by stage, for the {@link Pipeline} that runs every request through the same chain: read the
 * request (decoding it once), refuse what only the wire can refuse, authenticate, resolve the route, check the
 * route's parameters, and write answers and refusals exactly as the cloud does. A stage refuses by throwing a
 * {@link Refusal}. {@code R} is the cloud's request as read.
 */
public interface Dialect<R> {

    Cloud cloud();

    /** The request with the id its answer will carry; never refuses (what is malformed is refused by later stages). */
    R read(WireRequest request);

    String requestId(R request);

    /** What the request names so far (see {@link Subject}); never refuses and never decodes more than is decoded. */
    Subject subject(R request);

    /** Refusals before authentication: a method, size or encoding the cloud refuses whoever sends it. */
    void admit(R request);

    AuthResult authenticate(R request);

    /** The route the call asks for, once the envelope's own checks (version, region, project, path) pass. */
    Route resolve(R request, Credential caller);

    /** The region the call names, for its budget and its handler; null when the cloud's calls name none. */
    String region(R request);

    /** The route's parameters, decoded once and checked against its schema. */
    Params parse(R request, Route route);

    HttpAnswer success(R request, Route route, Map<String, Object> fields);

    HttpAnswer refusal(R request, Refusal refusal);

    /** The code the access line names: the one the answer shows. */
    default String shownCode(R request, Refusal refusal) {
        return refusal.code();
    }

    /** The refusal for an unexpected failure; its message quotes the request id, which the server log also has. */
    Refusal internalError(R request);

    /** A body over {@code limitBytes}, if the cloud documents its own answer; otherwise the gateway's plain 413. */
    default Optional<Refusal> tooLarge(long limitBytes) {
        return Optional.empty();
    }
}
