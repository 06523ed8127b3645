package dev.rekey.api.aliyun;

import dev.rekey.api.Refusal;
import dev.rekey.core.ErrorCode;
import dev.rekey.core.Failure;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AliyunRedisFailuresTest {

    @Test
    void everyCoreFailureHasAnAliyunCodeAndAnHttpErrorStatus() {
        for (ErrorCode code : ErrorCode.values()) {
            Refusal e = AliyunRedisFailures.of(AliyunRedisRoute.MODIFY_INSTANCE_ATTRIBUTE, Failure.of(code, "why"));
            assertTrue(e.status() >= 400 && e.status() < 600, code + " -> " + e.status());
            assertTrue(e.getMessage().contains("why") || code == ErrorCode.WRONG_OLD_PASSWORD, code + ": " + e.getMessage());
        }
    }

    @Test
    void theDocumentedCodesAndStatuses() {
        assertError(404, "InvalidInstanceId.NotFound", ErrorCode.INSTANCE_NOT_FOUND, "ModifyInstanceAttribute");
        assertError(400, "TaskExists", ErrorCode.INSTANCE_BUSY, "ModifyInstanceAttribute");
        assertError(403, "IncorrectDBInstanceState", ErrorCode.ENGINE_UNAVAILABLE, "ModifyInstanceAttribute");
        assertError(400, "Throttling.User", ErrorCode.RATE_LIMITED, "DescribeInstances");
        assertError(500, "InternalError", ErrorCode.INTERNAL, "DescribeInstances");
    }

    @Test
    void aBrokenPasswordRuleIsNamedAsEachActionDocumentsIt() {
        assertError(400, "InvalidPassword.Malformed", ErrorCode.PASSWORD_RULE, "ModifyInstanceAttribute");
        assertError(400, "InvalidAccountPassword.Format", ErrorCode.PASSWORD_RULE, "ResetAccountPassword");
        assertError(400, "InvalidAccountPassword.Format", ErrorCode.PASSWORD_RULE, "ModifyAccountPassword");
    }

    @Test
    void aWrongOldAccountPasswordIsRekeysDocumentedCode() {
        assertError(400, "InvalidOldAccountPassword", ErrorCode.WRONG_OLD_PASSWORD, "ModifyAccountPassword");
    }

    private static void assertError(int status, String code, ErrorCode core, String action) {
        Refusal e = AliyunRedisFailures.of(route(action), Failure.of(core, "why"));
        assertEquals(status, e.status(), core.name());
        assertEquals(code, e.code(), core.name());
    }

    private static AliyunRedisRoute route(String action) {
        return Arrays.stream(AliyunRedisRoute.values()).filter(r -> r.action().equals(action)).findFirst().orElseThrow();
    }
}
