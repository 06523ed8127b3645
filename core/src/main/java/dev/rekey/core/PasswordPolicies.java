package dev.rekey.core;

import java.util.List;

/** The password policy of each product and API version, exactly as the seed documents state them. */
public final class PasswordPolicies {
    private PasswordPolicies() {
    }

    /** Tencent Cloud Redis special characters (seed 000). */
    public static final String TENCENT_REDIS_SPECIALS = "()~!@#$%^&*-+=_|{}[]:;<>,.?/";

    /** ModfiyInstancePassword / ModifyInstancePassword: 8-64, two classes, not starting with '/' (seed 000). */
    public static final PasswordPolicy TENCENT_REDIS_MODIFY = new PasswordPolicy(
            "tencent-redis ModifyInstancePassword", 8, 64, 2, TENCENT_REDIS_SPECIALS, true, PasswordPolicy.UserNameRule.NONE);

    /** ResetPassword: 8-32, two classes, not starting with '/' (its own documented rules). */
    public static final PasswordPolicy TENCENT_REDIS_RESET = new PasswordPolicy(
            "tencent-redis ResetPassword", 8, 32, 2, TENCENT_REDIS_SPECIALS, true, PasswordPolicy.UserNameRule.NONE);

    public static List<PasswordPolicy> all() {
        return List.of(TENCENT_REDIS_MODIFY, TENCENT_REDIS_RESET);
    }
}
