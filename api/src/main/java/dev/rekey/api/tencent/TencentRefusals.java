package dev.rekey.api.tencent;

import dev.rekey.api.Refusal;

/**
 * Tencent's own refusals: authentication, envelope and parameter shape. Tencent answers every error with HTTP 200 and
 * the code in the JSON envelope, so every refusal here has status 200. Messages name the parameter and the rule,
 * never a value that may be a password.
 */
final class TencentRefusals {
    static final String INVALID_AUTHORIZATION = "AuthFailure.InvalidAuthorization";
    static final String SECRET_ID_NOT_FOUND = "AuthFailure.SecretIdNotFound";
    static final String SIGNATURE_FAILURE = "AuthFailure.SignatureFailure";
    static final String SIGNATURE_EXPIRE = "AuthFailure.SignatureExpire";
    static final String INVALID_PARAMETER = "InvalidParameter";
    static final String MISSING_PARAMETER = "MissingParameter";

    /** Tencent answers every error, authentication included, with HTTP 200 and the code in the JSON envelope. */
    static final int STATUS = 200;

    private TencentRefusals() {
    }

    static Refusal of(String code, String message) {
        return new Refusal(STATUS, code, message);
    }

    static Refusal invalidAuthorization(String message) {
        return of(INVALID_AUTHORIZATION, message);
    }

    static Refusal secretIdNotFound(String message) {
        return of(SECRET_ID_NOT_FOUND, message);
    }

    static Refusal signatureFailure(String message) {
        return of(SIGNATURE_FAILURE, message);
    }

    static Refusal signatureExpire(String message) {
        return of(SIGNATURE_EXPIRE, message);
    }

    static Refusal invalidParameter(String message) {
        return of(INVALID_PARAMETER, message);
    }

    static Refusal missingParameter(String name) {
        return of(MISSING_PARAMETER, "the request is missing the required parameter " + name);
    }

    static Refusal emptyParameter(String name) {
        return of("InvalidParameter.EmptyParam", "the parameter " + name + " must not be empty");
    }

    /** A client-supplied token quoted for a message, cut short so a hostile header cannot flood the reply. */
    static String quote(String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return "'" + shown + "'";
    }
}
