package dev.rekey.core;

import java.util.List;

/** Password policies of Alibaba Cloud ApsaraDB for Redis (API 2015-01-01), one per action, as documented. */
public final class AliyunPasswordPolicies {
    private AliyunPasswordPolicies() {
    }

    /** The special characters the seed (001) lists for ModifyInstanceAttribute's NewPassword; no '@'. */
    public static final String INSTANCE_SPECIALS = "!#$%^&*()_+-=";

    /** The special characters the account actions' pages list. */
    public static final String ACCOUNT_SPECIALS = "!@#$%^&*()_+-=";

    /** ModifyInstanceAttribute NewPassword: 8-32 characters, at least three classes (seed 001). */
    public static final PasswordPolicy MODIFY_INSTANCE_ATTRIBUTE = new PasswordPolicy(
            "aliyun-redis ModifyInstanceAttribute NewPassword", 8, 32, 3, INSTANCE_SPECIALS, false,
            PasswordPolicy.UserNameRule.NONE);

    /** ResetAccountPassword AccountPassword: 8-32 characters, at least three classes. */
    public static final PasswordPolicy RESET_ACCOUNT_PASSWORD = new PasswordPolicy(
            "aliyun-redis ResetAccountPassword AccountPassword", 8, 32, 3, ACCOUNT_SPECIALS, false,
            PasswordPolicy.UserNameRule.NONE);

    /** ModifyAccountPassword NewAccountPassword: 8-32 characters, at least three classes. */
    public static final PasswordPolicy MODIFY_ACCOUNT_PASSWORD = new PasswordPolicy(
            "aliyun-redis ModifyAccountPassword NewAccountPassword", 8, 32, 3, ACCOUNT_SPECIALS, false,
            PasswordPolicy.UserNameRule.NONE);

    public static List<PasswordPolicy> all() {
        return List.of(MODIFY_INSTANCE_ATTRIBUTE, RESET_ACCOUNT_PASSWORD, MODIFY_ACCOUNT_PASSWORD);
    }
}
