package dev.rekey.api.huawei;

import dev.rekey.core.Accepted;
import dev.rekey.core.ChangeRequest;
import dev.rekey.core.DcsPasswordPolicies;
import dev.rekey.core.EngineKind;
import dev.rekey.core.Instance;
import dev.rekey.core.Operation;
import dev.rekey.core.OperationState;
import dev.rekey.core.Outcome;
import dev.rekey.core.PasswordChanges;
import dev.rekey.core.Product;
import dev.rekey.core.Secret;

import java.util.LinkedHashMap;
import java.util.Map;

/** The DCS v2 password APIs: UpdatePassword (seed 002) and ResetPassword, both answered once the engine has changed. */
final class DcsV2Actions {
    private final PasswordChanges changes;
    private final DcsPasswordChange change;

    DcsV2Actions(PasswordChanges changes, DcsPasswordChange change) {
        this.changes = changes;
        this.change = change;
    }

    Map<String, Object> updatePassword(DcsCall call) {
        return change.change(call, engine -> DcsPasswordPolicies.V2).json();
    }

    /**
     * Sets a new password without the old one, or switches Redis to password-free access. It checks no password, so
     * it does not touch the lockout counter, but the seed forbids it while the instance is locked (DCS.4080).
     */
    Map<String, Object> resetPassword(DcsCall call) {
        DcsBody body = DcsBody.of(call.raw());
        boolean passwordFree = body.noPasswordAccess(false);
        if (passwordFree && body.has("new_password")) {
            throw new DcsRefusal("DCS.4849", "With no_password_access true the instance needs no password; leave new_password out.");
        }
        Secret next = passwordFree ? null : body.password("new_password");
        Instance instance = change.instance(call);
        if (passwordFree && instance.engineKind() == EngineKind.MEMCACHED) {
            throw new DcsRefusal("DCS.4839", "Memcached instances always require a password: no_password_access cannot be true.");
        }
        if (next != null) {
            DcsPasswordChange.requireShape(DcsPasswordPolicies.V2, "new_password", next, instance.account());
        }
        var request = new ChangeRequest(call.tenant(), call.actor(), Product.HUAWEI_DCS, null, instance.id(), null, next,
                DcsPasswordPolicies.V2, call.route().operation().apiName, call.requestId());
        return switch (changes.start(request)) {
            case Outcome.Ok<Accepted> ok -> resetAnswer(DcsPasswordChange.await(ok.value()));
            case Outcome.Fail<Accepted> fail -> throw DcsErrors.of(fail.failure());
        };
    }

    /** The reference calls these three fields deprecated, always "5", "0", "0"; a reset has no {@code result}. */
    private Map<String, Object> resetAnswer(Operation op) {
        if (!op.state().succeededForTheCloud()) {
            throw new DcsRefusal("DCS.4842", "The reset could not be applied and the previous password was kept: "
                    + op.result().message());
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("lock_time", "0");
        body.put("lock_time_left", "0");
        body.put("retry_times_left", Integer.toString(change.lockout().maxAttempts()));
        return body;
    }
}
