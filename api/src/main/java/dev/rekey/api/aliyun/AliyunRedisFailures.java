package dev.rekey.api.aliyun;

import dev.rekey.api.Refusal;
import dev.rekey.core.Failure;

/**
 * The R-kvstore (2015-01-01) answer to every core failure; exhaustive, so a new core code fails the build here. The
 * code for a broken password rule depends on the action: ModifyInstanceAttribute documents
 * {@code InvalidPassword.Malformed}, the account actions {@code InvalidAccountPassword.Format}.
 */
final class AliyunRedisFailures {
    /** Rekey's choice for a wrong OldAccountPassword; the real service's code is not public (docs/coverage.md). */
    static final String WRONG_OLD_PASSWORD = "InvalidOldAccountPassword";

    private AliyunRedisFailures() {
    }

    static Refusal of(AliyunRedisRoute route, Failure f) {
        return switch (f.code()) {
            case INSTANCE_NOT_FOUND -> refusal(404, "InvalidInstanceId.NotFound",
                    "The specified instance does not exist: " + f.message(), f);
            case PASSWORD_RULE -> passwordRule(route, f);
            case WRONG_OLD_PASSWORD -> refusal(400, WRONG_OLD_PASSWORD,
                    "Specified OldAccountPassword is not the current password of the account.", f);
            case INSTANCE_BUSY -> refusal(400, "TaskExists", "Specified task have existed: " + f.message(), f);
            case ENGINE_UNAVAILABLE, INSTANCE_LOCKED -> refusal(403, "IncorrectDBInstanceState",
                    "Current DB instance state does not support this operation: " + f.message(), f);
            case RATE_LIMITED -> refusal(400, "Throttling.User",
                    "Request was denied due to user flow control: " + f.message(), f);
            case OPERATION_NOT_ALLOWED -> refusal(403, "OperationDenied",
                    "The operation is not permitted: " + f.message(), f);
            case UNSUPPORTED_VALUE -> refusal(400, "InvalidParameter", f.message(), f);
            case INTERNAL -> refusal(500, "InternalError",
                    "The request processing has failed due to some unknown error, exception or failure. " + f.message(), f);
        };
    }

    private static Refusal passwordRule(AliyunRedisRoute route, Failure f) {
        return switch (route) {
            case MODIFY_INSTANCE_ATTRIBUTE -> refusal(400, "InvalidPassword.Malformed",
                    "The Specified parameter NewPassword is not valid: " + f.message(), f);
            case MODIFY_ACCOUNT_PASSWORD -> accountPassword("NewAccountPassword", f);
            case RESET_ACCOUNT_PASSWORD, DESCRIBE_INSTANCE_ATTRIBUTE, DESCRIBE_INSTANCES, DESCRIBE_ACCOUNTS ->
                    accountPassword("AccountPassword", f);
        };
    }

    private static Refusal accountPassword(String parameter, Failure f) {
        return refusal(400, "InvalidAccountPassword.Format", "Specified " + parameter + " is not valid: " + f.message(), f);
    }

    private static Refusal refusal(int status, String code, String message, Failure f) {
        return new Refusal(status, code, message, f);
    }
}
