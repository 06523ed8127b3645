package dev.rekey.api.aliyun;

import dev.rekey.api.AuthResult;

/**
 * Carries an Aliyun rejection out of the checks that find it, so that each check is one line. Never leaves the
 * package: {@link AliyunSignatureVerifier#verify} turns it into an {@link AuthResult.Rejected}. Messages name the
 * parameter and the rule broken, never a secret or the expected signature.
 */
final class Rejection extends RuntimeException {
    private final transient AuthResult.Rejected rejected;

    private Rejection(String code, String message, int status) {
        super(code + ": " + message, null, false, false);
        this.rejected = new AuthResult.Rejected(code, message, status);
    }

    AuthResult.Rejected rejected() {
        return rejected;
    }

    /** A value the client sent, cut short so that an error body never becomes an echo of an arbitrary payload. */
    static String shown(String value) {
        if (value == null) return "null";
        return value.length() <= 80 ? value : value.substring(0, 80) + "...";
    }

    static Rejection missing(String name) {
        return new Rejection("MissingParameter", name + " is mandatory for this action.", 400);
    }

    static Rejection incomplete(String why) {
        return new Rejection("IncompleteSignature",
                "The request signature does not conform to Alibaba Cloud standards. " + why, 400);
    }

    static Rejection badTimestamp(String name, String value) {
        return new Rejection("InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted. "
                + name + " is '" + shown(value) + "'; expected UTC like 2026-11-23T07:18:15Z.", 400);
    }

    static Rejection expiredTimestamp(String name, String value, String serverTime) {
        return new Rejection("InvalidTimeStamp.Expired", "Specified time stamp or date value is expired. " + name
                + " " + shown(value) + " is more than 15 minutes away from the server time " + serverTime + ".", 400);
    }

    static Rejection unknownKey(String accessKeyId) {
        return new Rejection("InvalidAccessKeyId.NotFound",
                "Specified access key is not found. AccessKeyId: " + shown(accessKeyId), 404);
    }

    static Rejection mismatch(String hint) {
        return new Rejection("SignatureDoesNotMatch",
                "Specified signature is not matched with our calculation. " + hint, 400);
    }

    static Rejection nonceUsed() {
        return new Rejection("SignatureNonceUsed", "Specified signature nonce was used already.", 400);
    }
}
