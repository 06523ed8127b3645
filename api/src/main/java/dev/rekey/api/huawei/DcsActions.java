package dev.rekey.api.huawei;

import dev.rekey.api.Answer;
import dev.rekey.api.Call;
import dev.rekey.api.Outcomes;
import dev.rekey.api.Params;
import dev.rekey.api.Refusal;
import dev.rekey.core.Accepted;
import dev.rekey.core.ChangeRequest;
import dev.rekey.core.DcsPasswordPolicies;
import dev.rekey.core.EngineKind;
import dev.rekey.core.Failure;
import dev.rekey.core.FailureException;
import dev.rekey.core.Instance;
import dev.rekey.core.InstanceQueries;
import dev.rekey.core.LockoutPolicy;
import dev.rekey.core.Operation;
import dev.rekey.core.OperationState;
import dev.rekey.core.Outcome;
import dev.rekey.core.PasswordChanges;
import dev.rekey.core.PasswordPolicy;
import dev.rekey.core.Product;
import dev.rekey.core.Secret;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * The handlers of {@link DcsRoute}. The password change with the old password is the same for v2 and v1.0 (they
 * differ in policy and error shape only); wrong and locked outcomes are 200 answers, with the figures the core's one
 * lockout count per instance gives. Changes and resets answer once the engine has changed.
 */
public final class DcsActions {
    private final PasswordChanges changes;
    private final InstanceQueries instances;
    private final LockoutPolicy lockout;
    private final DcsDescriber describer;

    /** {@code lockout}: the policy the core applies to DCS instances; its figures are part of every answer. */
    public DcsActions(PasswordChanges changes, InstanceQueries instances, LockoutPolicy lockout, DcsDescriber describer) {
        this.changes = changes;
        this.instances = instances;
        this.lockout = lockout;
        this.describer = describer;
    }

    /** Seed 002. */
    Answer updatePassword(Call call) {
        return change(call, engine -> DcsPasswordPolicies.V2);
    }

    /** Seed 004: the v1.0 rules depend on the engine (Memcached adds the user-name rule). */
    Answer updatePasswordV1(Call call) {
        return change(call, DcsPasswordPolicies::v1For);
    }

    /**
     * Sets a new password without the old one, or switches Redis to password-free access. It checks no password, so
     * it does not touch the lockout counter, but the seed forbids it while the instance is locked (DCS.4080).
     */
    Answer resetPassword(Call call) {
        Params p = call.params();
        boolean passwordFree = p.bool("no_password_access", false);
        if (passwordFree && p.has("new_password")) {
            throw HuaweiRefusals.dcs("DCS.4849", "With no_password_access true the instance needs no password; leave new_password out.");
        }
        if (!passwordFree && !p.has("new_password")) throw HuaweiRefusals.dcs("DCS.4845", "new_password is required.");
        Secret next = passwordFree ? null : Secret.of(p.text("new_password"));
        Instance instance = instance(call);
        if (passwordFree && instance.engineKind() == EngineKind.MEMCACHED) {
            throw HuaweiRefusals.dcs("DCS.4839", "Memcached instances always require a password: no_password_access cannot be true.");
        }
        if (next != null) requireShape(DcsPasswordPolicies.V2, "new_password", next, instance.account());
        Accepted accepted = Outcomes.value(changes.start(request(call, instance, null, next, DcsPasswordPolicies.V2)));
        Operation op = accepted.await(call.mode().maxWait());
        if (!op.state().answered()) return Answer.refusedAfter(op, notFinished(call));
        if (!op.state().succeededForTheCloud()) {
            return Answer.refusedAfter(op, HuaweiRefusals.dcs("DCS.4842", "The reset could not be applied and the"
                    + " previous password was kept: " + op.result().message()));
        }
        // the reference calls these three fields deprecated, always "5", "0", "0"; a reset has no result
        var body = new LinkedHashMap<String, Object>();
        body.put("lock_time", "0");
        body.put("lock_time_left", "0");
        body.put("retry_times_left", Integer.toString(lockout.maxAttempts()));
        return Answer.accepted(body, List.of(op));
    }

    Answer showInstance(Call call) {
        return Answer.of(describer.show(call));
    }

    Answer listInstances(Call call) {
        return Answer.of(describer.list(call));
    }

    private Answer change(Call call, PolicyChoice policies) {
        Params p = call.params();
        Secret old = Secret.of(p.text("old_password"));
        Secret next = Secret.of(p.text("new_password"));
        Instance instance = instance(call);
        if (instance.passwordFree()) {
            throw HuaweiRefusals.dcs("DCS.4850", "Turn password-free access off with ResetPassword and a new_password first.");
        }
        PasswordPolicy policy = policies.of(instance.engineKind());
        requireShape(policy, "old_password", old, null);
        requireShape(policy, "new_password", next, instance.account());
        if (old.sameAs(next)) throw HuaweiRefusals.dcs("DCS.4019", "new_password must differ from old_password.");
        return switch (changes.start(request(call, instance, old, next, policy))) {
            case Outcome.Ok<Accepted> ok -> finished(call, ok.value());
            case Outcome.Fail<Accepted> fail -> refused(fail.failure());
        };
    }

    /** Which policy applies to an instance's engine. */
    private interface PolicyChoice {
        PasswordPolicy of(EngineKind engine);
    }

    private Instance instance(Call call) {
        return instances.visible(call.tenant(), Product.HUAWEI_DCS, null, call.params().text("instance_id"));
    }

    private static ChangeRequest request(Call call, Instance instance, Secret old, Secret next, PasswordPolicy policy) {
        return new ChangeRequest(call.tenant(), call.actor(), Product.HUAWEI_DCS, null, instance.id(), old, next,
                policy, call.action(), call.requestId());
    }

    /** A password that breaks the shape rules is a complexity error; an old one that does is never checked nor counted. */
    private static void requireShape(PasswordPolicy policy, String field, Secret password, String userName) {
        policy.violation(password, userName).ifPresent(v -> {
            throw HuaweiRefusals.dcs("DCS.4019", field + ": " + v + ".");
        });
    }

    private Answer refused(Failure failure) {
        return switch (failure) {
            case Failure.WrongOldPassword wrong -> Answer.of(
                    ChangeResult.passwordFailed(wrong.retriesLeft(), lockout.lockMinutes()).json(), new Answer.Did.Refused(wrong));
            case Failure.Locked locked -> Answer.of(
                    ChangeResult.locked(lockout.lockMinutes(), locked.minutesLeft()).json(), new Answer.Did.Refused(locked));
            case Failure.Plain plain -> throw new FailureException(plain);
            case Failure.CvmStateRefused state -> throw new FailureException(state);
            case Failure.OperationRunning running -> throw new FailureException(running);
        };
    }

    /** Success once verified; {@code failed} when the change could not be applied (the engine kept the old password). */
    private Answer finished(Call call, Accepted accepted) {
        Operation op = accepted.await(call.mode().maxWait());
        if (!op.state().answered()) return Answer.refusedAfter(op, notFinished(call));
        ChangeResult result = op.state().succeededForTheCloud() ? ChangeResult.success(lockout.maxAttempts())
                : ChangeResult.failed(lockout.maxAttempts(), op.result().message());
        return Answer.accepted(result.json(), List.of(op));
    }

    private static Refusal notFinished(Call call) {
        return HuaweiRefusals.dcs("DCS.4115", "The change was accepted but has not finished within "
                + call.mode().maxWait().toSeconds() + " s; retry once it has.");
    }
}
