package dev.rekey.api.huawei;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The 200 body of a password change (v2 and v1.0 alike). Every field is a JSON string: the SDK's models declare them
 * String and its strict mapper fails on numbers (protocol notes §3.2).
 */
record ChangeResult(String result, String message, long retryTimesLeft, long lockTime, long lockTimeLeft) {

    static ChangeResult success(int maxAttempts) {
        return new ChangeResult("success", "Modify DCSInstance password success.", maxAttempts, 0, 0);
    }

    /** The seed's example carries the lock time in both lock fields already on a failed verification. */
    static ChangeResult passwordFailed(int retriesLeft, long lockMinutes) {
        return new ChangeResult("passwordFailed", "verify password failed.", retriesLeft, lockMinutes, lockMinutes);
    }

    static ChangeResult locked(long lockMinutes, long minutesLeft) {
        return new ChangeResult("locked", "The instance is locked after too many wrong old passwords; retry in "
                + minutesLeft + " minute(s).", 0, lockMinutes, minutesLeft);
    }

    /** The change was accepted but could not be applied; the engine kept the old password. */
    static ChangeResult failed(int maxAttempts, String why) {
        return new ChangeResult("failed", "Modify DCSInstance password failed: " + why, maxAttempts, 0, 0);
    }

    Map<String, Object> json() {
        var body = new LinkedHashMap<String, Object>();
        body.put("result", result);
        body.put("message", message);
        body.put("retry_times_left", Long.toString(retryTimesLeft));
        body.put("lock_time", Long.toString(lockTime));
        body.put("lock_time_left", Long.toString(lockTimeLeft));
        return body;
    }
}
