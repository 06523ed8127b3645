package dev.rekey.api.tencent;

import dev.rekey.api.Refusal;
import dev.rekey.core.Failure;

/** The Redis (2018-04-12) code for every core failure; exhaustive, so a new core code fails the build here. */
final class TencentRedisFailures {
    private TencentRedisFailures() {
    }

    static Refusal of(Failure f) {
        String code = switch (f.code()) {
            case INSTANCE_NOT_FOUND -> "ResourceNotFound.InstanceNotExists";
            case PASSWORD_RULE -> "InvalidParameterValue.PasswordRuleError";
            case WRONG_OLD_PASSWORD -> "InvalidParameterValue.PasswordError";
            case INSTANCE_BUSY, INSTANCE_LOCKED -> "ResourceUnavailable.InstanceLockedError";
            case ENGINE_UNAVAILABLE -> "ResourceUnavailable.InstanceStatusAbnormal";
            case RATE_LIMITED -> "RequestLimitExceeded";
            case OPERATION_NOT_ALLOWED -> "UnsupportedOperation";
            case UNSUPPORTED_VALUE -> "InvalidParameterValue";
            case INTERNAL -> "FailedOperation.SystemError";
        };
        return new Refusal(TencentRefusals.STATUS, code, f.message(), f);
    }
}
