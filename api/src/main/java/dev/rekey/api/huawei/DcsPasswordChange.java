package dev.rekey.api.huawei;

import dev.rekey.core.Accepted;
import dev.rekey.core.ChangeRequest;
import dev.rekey.core.EngineKind;
import dev.rekey.core.Failure;
import dev.rekey.core.Instance;
import dev.rekey.core.InstanceQueries;
import dev.rekey.core.LockoutPolicy;
import dev.rekey.core.Operation;
import dev.rekey.core.Outcome;
import dev.rekey.core.PasswordChanges;
import dev.rekey.core.PasswordPolicy;
import dev.rekey.core.Product;
import dev.rekey.core.Secret;

import java.time.Duration;

/**
 * The synchronous password change with the old password, shared by v2 and v1.0 (they differ in policy and error
 * shape only) and the wait that ResetPassword shares. Wrong and locked outcomes are 200 answers; the core keeps one
 * lockout count per instance for both versions and says in its refusal how many attempts or minutes are left.
 */
final class DcsPasswordChange {
    /** How long a synchronous API waits for the engine change to be applied and verified. */
    static final Duration WAIT = Duration.ofSeconds(10);

    private final PasswordChanges changes;
    private final InstanceQueries instances;
    private final LockoutPolicy lockout;

    DcsPasswordChange(PasswordChanges changes, InstanceQueries instances, LockoutPolicy lockout) {
        this.changes = changes;
        this.instances = instances;
        this.lockout = lockout;
    }

    LockoutPolicy lockout() {
        return lockout;
    }

    Instance instance(DcsCall call) {
        return instances.visible(call.tenant(), Product.HUAWEI_DCS, null, call.route().instanceId());
    }

    ChangeResult change(DcsCall call, PolicyChoice policies) {
        DcsBody body = DcsBody.of(call.raw());
        Secret old = body.password("old_password");
        Secret next = body.password("new_password");
        Instance instance = instance(call);
        if (instance.passwordFree()) {
            throw new DcsRefusal("DCS.4850", "Turn password-free access off with ResetPassword and a new_password first.");
        }
        PasswordPolicy policy = policies.of(instance.engineKind());
        requireShape(policy, "old_password", old, null);
        requireShape(policy, "new_password", next, instance.account());
        if (old.sameAs(next)) {
            throw new DcsRefusal("DCS.4019", "new_password must differ from old_password.");
        }
        var request = new ChangeRequest(call.tenant(), call.actor(), Product.HUAWEI_DCS, null, instance.id(), old, next,
                policy, call.route().operation().apiName, call.requestId());
        return switch (changes.start(request)) {
            case Outcome.Ok<Accepted> ok -> finished(ok.value(), lockout.maxAttempts());
            case Outcome.Fail<Accepted> fail -> refused(fail.failure());
        };
    }

    /** Which policy applies to an instance's engine. */
    interface PolicyChoice {
        PasswordPolicy of(EngineKind engine);
    }

    /** A password that breaks the shape rules is a complexity error; an old one that does is never checked nor counted. */
    static void requireShape(PasswordPolicy policy, String field, Secret password, String userName) {
        policy.violation(password, userName).ifPresent(v -> {
            throw new DcsRefusal("DCS.4019", field + ": " + v + ".");
        });
    }

    private ChangeResult refused(Failure failure) {
        return switch (failure) {
            case Failure.WrongOldPassword wrong -> ChangeResult.passwordFailed(wrong.retriesLeft(), lockout.lockMinutes());
            case Failure.Locked locked -> ChangeResult.locked(lockout.lockMinutes(), locked.minutesLeft());
            default -> throw DcsErrors.of(failure);
        };
    }

    private static ChangeResult finished(Accepted accepted, int maxAttempts) {
        Operation op = await(accepted);
        return switch (op.state()) {
            case SUCCEEDED, OVERLAP -> ChangeResult.success(maxAttempts);
            default -> ChangeResult.failed(maxAttempts, op.result().message());
        };
    }

    /** The operation once it has ended; DCS.4115 while it has not (after {@link #WAIT}, or left for recovery). */
    static Operation await(Accepted accepted) {
        Operation op = accepted.await(WAIT);
        if (!op.state().answered()) {
            throw new DcsRefusal("DCS.4115", "The change was accepted but has not finished within "
                    + WAIT.toSeconds() + " s; retry once it has.");
        }
        return op;
    }
}
