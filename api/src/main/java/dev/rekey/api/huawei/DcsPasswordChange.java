package dev.rekey.api.huawei;

import dev.rekey.core.Accepted;
import dev.rekey.core.Attributes;
import dev.rekey.core.ChangeRequest;
import dev.rekey.core.EngineKind;
import dev.rekey.core.ErrorCode;
import dev.rekey.core.Failure;
import dev.rekey.core.Instance;
import dev.rekey.core.LockoutPolicy;
import dev.rekey.core.Outcome;
import dev.rekey.core.PasswordChanges;
import dev.rekey.core.PasswordPolicy;
import dev.rekey.core.Product;
import dev.rekey.core.Secret;
import dev.rekey.core.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The synchronous password change with the old password, shared by v2 and v1.0 (they differ in policy and error
 * shape only) and the task wait that ResetPassword shares. Wrong and locked outcomes are 200 answers; one lockout
 * counter per instance serves both versions.
 */
final class DcsPasswordChange {
    private static final Logger LOG = LoggerFactory.getLogger(DcsPasswordChange.class);
    /** How long a synchronous API waits for the engine change to be applied and verified. */
    static final long WAIT_SECONDS = 10;

    private final PasswordChanges changes;
    private final LockoutPolicy lockout;

    DcsPasswordChange(PasswordChanges changes, LockoutPolicy lockout) {
        this.changes = changes;
        this.lockout = lockout;
    }

    LockoutPolicy lockout() {
        return lockout;
    }

    Instance instance(DcsCall call) {
        return changes.visibleInstance(call.tenant(), Product.HUAWEI_DCS, null, call.route().instanceId());
    }

    ChangeResult change(DcsCall call, PolicyChoice policies) {
        DcsBody body = DcsBody.of(call.raw());
        Secret old = body.password("old_password");
        Secret next = body.password("new_password");
        Instance instance = instance(call);
        if (instance.flag(Attributes.PASSWORD_FREE)) {
            throw new DcsRefusal("DCS.4850", "Turn password-free access off with ResetPassword and a new_password first.");
        }
        PasswordPolicy policy = policies.of(instance.engineKind());
        requireShape(policy, "old_password", old, null);
        requireShape(policy, "new_password", next, instance.attribute(Attributes.ACCOUNT, null));
        if (old.sameAs(next)) {
            throw new DcsRefusal("DCS.4019", "new_password must differ from old_password.");
        }
        LockoutPolicy.Attempt attempt = lockout.attempt();
        var request = new ChangeRequest(call.tenant(), call.actor(), Product.HUAWEI_DCS, null, instance.id(), old, next,
                policy, call.route().operation().apiName, call.requestId());
        return switch (changes.start(request, attempt)) {
            case Outcome.Ok<Accepted> ok -> finished(ok.value(), lockout.maxAttempts());
            case Outcome.Fail<Accepted> fail -> refused(fail.failure(), attempt);
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

    private ChangeResult refused(Failure failure, LockoutPolicy.Attempt attempt) {
        if (failure.code() == ErrorCode.WRONG_OLD_PASSWORD) {
            return ChangeResult.passwordFailed(attempt.retriesLeft(), lockout.lockMinutes());
        }
        if (failure.code() == ErrorCode.INSTANCE_LOCKED) {
            return ChangeResult.locked(lockout.lockMinutes(), attempt.minutesLeft());
        }
        throw DcsErrors.of(failure);
    }

    private static ChangeResult finished(Accepted accepted, int maxAttempts) {
        Task task = await(accepted);
        return switch (task.status()) {
            case SUCCEED -> ChangeResult.success(maxAttempts);
            case FAILED -> ChangeResult.failed(maxAttempts, task.message());
            case PREPARING, RUNNING -> throw notFinished();
        };
    }

    /** The task once it has ended; DCS.4115 while it has not (after {@link #WAIT_SECONDS}, or left for recovery). */
    static Task await(Accepted accepted) {
        try {
            Task task = accepted.finished().get(WAIT_SECONDS, TimeUnit.SECONDS);
            if (!task.status().finished()) throw notFinished();
            return task;
        } catch (TimeoutException e) {
            throw notFinished();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notFinished();
        } catch (ExecutionException e) {
            LOG.error("task {} ended with an error", accepted.task().id(), e.getCause());
            throw new DcsRefusal("DCS.5000", "Task " + accepted.task().id() + " ended with an internal error.");
        }
    }

    private static DcsRefusal notFinished() {
        return new DcsRefusal("DCS.4115", "The change was accepted but has not finished within "
                + WAIT_SECONDS + " s; retry once it has.");
    }
}
