package dev.rekey.api.huawei;

import dev.rekey.core.DcsPasswordPolicies;

import java.util.Map;

/**
 * The DCS v1.0 password API (seed 004): the v2 change with the v1.0 rules, which depend on the engine (Memcached adds
 * the user-name rule). It shares the lockout counter with v2; its errors are rendered in the v1.0 shape.
 */
final class DcsV1Actions {
    private final DcsPasswordChange change;

    DcsV1Actions(DcsPasswordChange change) {
        this.change = change;
    }

    Map<String, Object> updatePassword(DcsCall call) {
        return change.change(call, DcsPasswordPolicies::v1For).json();
    }
}
