package dev.rekey.core;

import java.util.List;

/**
 * Huawei Cloud DCS password policies, one per API version and engine, exactly as the seeds state them: v2 (seed 002,
 * "修改密码", updated 2025-08-05) and v1.0 (seed 004). The two versions list different special characters.
 */
public final class DcsPasswordPolicies {
    private DcsPasswordPolicies() {
    }

    /** v2 specials, seed 002: {@code (`~!@#$%^&*()-_=+|{},<.>/?)}; no ':' and no '\'. */
    public static final String V2_SPECIALS = "`~!@#$%^&*()-_=+|{},<.>/?";

    /** v1.0 specials, seed 004: {@code (`~!@#$^&*()-_=+\|{}:,<.>/?)}; has ':' and '\', no '%'. */
    public static final String V1_SPECIALS = "`~!@#$^&*()-_=+\\|{}:,<.>/?";

    /** v2 UpdatePassword and ResetPassword: 8-64 characters, three of the four classes. */
    public static final PasswordPolicy V2 = new PasswordPolicy(
            "huawei-dcs v2 password", 8, 64, 3, V2_SPECIALS, false, PasswordPolicy.UserNameRule.NONE);

    /** v1.0 password of a Redis instance: 6-32 characters, two of the four classes. */
    public static final PasswordPolicy V1_REDIS = new PasswordPolicy(
            "huawei-dcs v1.0 password (Redis)", 6, 32, 2, V1_SPECIALS, false, PasswordPolicy.UserNameRule.NONE);

    /** v1.0 password of a Memcached instance: as for Redis, and not the user name nor the user name reversed. */
    public static final PasswordPolicy V1_MEMCACHED = new PasswordPolicy(
            "huawei-dcs v1.0 password (Memcached)", 6, 32, 2, V1_SPECIALS, false,
            PasswordPolicy.UserNameRule.NOT_EQUAL_OR_REVERSED);

    /** The v1.0 policy for an instance's engine. */
    public static PasswordPolicy v1For(EngineKind engine) {
        return engine == EngineKind.MEMCACHED ? V1_MEMCACHED : V1_REDIS;
    }

    public static List<PasswordPolicy> all() {
        return List.of(V2, V1_REDIS, V1_MEMCACHED);
    }
}
