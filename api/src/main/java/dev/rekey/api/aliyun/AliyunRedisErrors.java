package dev.rekey.api.aliyun;

import dev.rekey.core.Failure;

/**
 * The R-kvstore (2015-01-01) answer to every core failure; exhaustive, so a new core code fails the build here. The
 * code for a broken password rule depends on the action: ModifyInstanceAttribute documents
 * {@code InvalidPassword.Malformed}, the account actions {@code InvalidAccountPassword.Format}.
 */
final class AliyunRedisErrors {
    /** Rekey's choice for a wrong OldAccountPassword; the real service's code is not public (docs/coverage.md). */
    static final String WRONG_OLD_PASSWORD = "InvalidOldAccountPassword";

    private AliyunRedisErrors() {
    }

    static AliyunError of(String action, Failure f) {
        return switch (f.code()) {
            case INSTANCE_NOT_FOUND -> new AliyunError(404, "InvalidInstanceId.NotFound",
                    "The specified instance does not exist: " + f.message());
            case PASSWORD_RULE -> passwordRule(action, f);
            case WRONG_OLD_PASSWORD -> new AliyunError(400, WRONG_OLD_PASSWORD,
                    "Specified OldAccountPassword is not the current password of the account.");
            case INSTANCE_BUSY -> new AliyunError(400, "TaskExists", "Specified task have existed: " + f.message());
            case ENGINE_UNAVAILABLE, INSTANCE_LOCKED -> new AliyunError(403, "IncorrectDBInstanceState",
                    "Current DB instance state does not support this operation: " + f.message());
            case RATE_LIMITED -> new AliyunError(400, "Throttling.User",
                    "Request was denied due to user flow control: " + f.message());
            case OPERATION_NOT_ALLOWED -> new AliyunError(403, "OperationDenied",
                    "The operation is not permitted: " + f.message());
            case UNSUPPORTED_VALUE -> new AliyunError(400, "InvalidParameter", f.message());
            case INTERNAL -> new AliyunError(500, "InternalError",
                    "The request processing has failed due to some unknown error, exception or failure. " + f.message());
        };
    }

    private static AliyunError passwordRule(String action, Failure f) {
        if ("ModifyInstanceAttribute".equals(action)) {
            return new AliyunError(400, "InvalidPassword.Malformed",
                    "The Specified parameter NewPassword is not valid: " + f.message());
        }
        return new AliyunError(400, "InvalidAccountPassword.Format",
                "Specified " + ("ModifyAccountPassword".equals(action) ? "NewAccountPassword" : "AccountPassword")
                        + " is not valid: " + f.message());
    }
}
