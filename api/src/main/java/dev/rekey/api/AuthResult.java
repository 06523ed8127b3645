package dev.rekey.api;

import dev.rekey.core.Credential;

/** What a signature check concludes: the caller's credential, or the cloud's own error code and a clear message. */
public sealed interface AuthResult {

    record Authenticated(Credential credential) implements AuthResult {
    }

    /** {@code code} is the cloud's error code; {@code status} the HTTP status that cloud answers with. */
    record Rejected(String code, String message, int status) implements AuthResult {
    }
}
