package dev.rekey.api.aliyun;

import dev.rekey.api.Refusal;

/**
 * Aliyun's own refusals, each with the HTTP status the service answers it with: the gateway's signature checks and
 * the parameter shape. Messages name the parameter and the rule broken, never a secret or the expected signature.
 */
final class AliyunRefusals {
    private AliyunRefusals() {
    }

    /** A value the client sent, cut short so that an error body never becomes an echo of an arbitrary payload. */
    static String shown(String value) {
        if (value == null) return "null";
        return value.length() <= 80 ? value : value.substring(0, 80) + "...";
    }

    static Refusal missing(String name) {
        return new Refusal(400, "MissingParameter", name + " is mandatory for this action.");
    }

    static Refusal invalid(String name, String rule) {
        return new Refusal(400, "InvalidParameter", "The specified parameter " + name + " is not valid: " + rule);
    }

    static Refusal incomplete(String why) {
        return new Refusal(400, "IncompleteSignature",
                "The request signature does not conform to Alibaba Cloud standards. " + why);
    }

    static Refusal badTimestamp(String name, String value) {
        return new Refusal(400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted. "
                + name + " is '" + shown(value) + "'; expected UTC like 2026-11-23T07:18:15Z.");
    }

    static Refusal expiredTimestamp(String name, String value, String serverTime) {
        return new Refusal(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired. " + name
                + " " + shown(value) + " is more than 15 minutes away from the server time " + serverTime + ".");
    }

    static Refusal unknownKey(String accessKeyId) {
        return new Refusal(404, "InvalidAccessKeyId.NotFound",
                "Specified access key is not found. AccessKeyId: " + shown(accessKeyId));
    }

    static Refusal mismatch(String hint) {
        return new Refusal(400, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation. " + hint);
    }

    static Refusal nonceUsed() {
        return new Refusal(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
    }
}
