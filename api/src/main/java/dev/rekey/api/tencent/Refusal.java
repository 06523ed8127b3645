package dev.rekey.api.tencent;

import dev.rekey.api.AuthResult;

/**
 * A failed signature check carrying Tencent's error code. Thrown inside the verifier's helpers and turned into an
 * {@link AuthResult.Rejected} at its edge, so each helper can stop at the first problem it finds.
 */
final class Refusal extends RuntimeException {
    static final String INVALID_AUTHORIZATION = "AuthFailure.InvalidAuthorization";
    static final String SECRET_ID_NOT_FOUND = "AuthFailure.SecretIdNotFound";
    static final String SIGNATURE_FAILURE = "AuthFailure.SignatureFailure";
    static final String SIGNATURE_EXPIRE = "AuthFailure.SignatureExpire";

    /** Tencent answers every error, authentication included, with HTTP 200 and the code in the JSON envelope. */
    private static final int HTTP_STATUS = 200;

    private final String code;

    private Refusal(String code, String message) {
        super(message, null, false, false); // an expected outcome, not a bug: no stack trace
        this.code = code;
    }

    static Refusal invalidAuthorization(String message) {
        return new Refusal(INVALID_AUTHORIZATION, message);
    }

    static Refusal secretIdNotFound(String message) {
        return new Refusal(SECRET_ID_NOT_FOUND, message);
    }

    static Refusal signatureFailure(String message) {
        return new Refusal(SIGNATURE_FAILURE, message);
    }

    static Refusal signatureExpire(String message) {
        return new Refusal(SIGNATURE_EXPIRE, message);
    }

    AuthResult.Rejected toRejected() {
        return new AuthResult.Rejected(code, getMessage(), HTTP_STATUS);
    }

    /** A client-supplied token quoted for a message, cut short so a hostile header cannot flood the reply. */
    static String quote(String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return "'" + shown + "'";
    }
}
