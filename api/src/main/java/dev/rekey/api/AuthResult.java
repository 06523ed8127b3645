package dev.rekey.api;

import dev.rekey.core.Credential;

/** What a signature check concludes: the caller's credential, or the refusal its cloud answers with. */
public sealed interface AuthResult {

    record Authenticated(Credential credential) implements AuthResult {
    }

    record Rejected(Refusal refusal) implements AuthResult {
        public String code() {
            return refusal.code();
        }

        public String message() {
            return refusal.getMessage();
        }

        public int status() {
            return refusal.status();
        }
    }
}
