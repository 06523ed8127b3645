package dev.rekey.api;

import dev.rekey.core.Credential;

/**
 * What a handler receives: an authenticated call to one route, its parameters checked against the route's schema.
 * {@code action} and {@code mode} are the route's; {@code region} is the region the call names (null where the
 * cloud's calls name none).
 */
public record Call(String requestId, Credential caller, String action, Mode mode, String region, Params params) {

    public String tenant() {
        return caller.tenant();
    }

    /** The API key id: the actor of audit records and operations, never the secret. */
    public String actor() {
        return caller.keyId();
    }
}
