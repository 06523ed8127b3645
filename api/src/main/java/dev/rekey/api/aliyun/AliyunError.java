package dev.rekey.api.aliyun;

/**
 * An Aliyun error answer: HTTP status, the cloud's code and a message that names the parameter and the rule broken,
 * never a secret. Thrown by the action handlers and rendered by {@link AliyunDialect}.
 */
final class AliyunError extends RuntimeException {
    private final int status;
    private final String code;

    AliyunError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    static AliyunError missing(String name) {
        return new AliyunError(400, "MissingParameter", name + " is mandatory for this action.");
    }

    static AliyunError invalid(String name, String rule) {
        return new AliyunError(400, "InvalidParameter", "The specified parameter " + name + " is not valid: " + rule);
    }
}
