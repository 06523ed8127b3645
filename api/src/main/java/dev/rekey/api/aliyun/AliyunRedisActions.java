package dev.rekey.api.aliyun;

import dev.rekey.api.Answer;
import dev.rekey.api.Call;
import dev.rekey.api.Outcomes;
import dev.rekey.api.Params;
import dev.rekey.api.Refusal;
import dev.rekey.core.Accepted;
import dev.rekey.core.AliyunPasswordPolicies;
import dev.rekey.core.AttributeChange;
import dev.rekey.core.AttributeChanges;
import dev.rekey.core.ChangeRequest;
import dev.rekey.core.Instance;
import dev.rekey.core.InstanceQueries;
import dev.rekey.core.Operation;
import dev.rekey.core.OperationState;
import dev.rekey.core.PasswordChanges;
import dev.rekey.core.PasswordPolicy;
import dev.rekey.core.Product;
import dev.rekey.core.Secret;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The handlers of {@link AliyunRedisRoute}. ModifyInstanceAttribute as seed 001 specifies it: the shape here (at least
 * one attribute, the name rule), the rest in the core, which changes nothing unless everything passes. The account
 * actions manage the instance's default account, which the real service names after the instance id and which is the
 * engine's {@code default} user.
 */
public final class AliyunRedisActions {
    private final AttributeChanges attributes;
    private final PasswordChanges changes;
    private final InstanceQueries instances;
    private final AliyunRedisDescriber describer;

    public AliyunRedisActions(AttributeChanges attributes, PasswordChanges changes, InstanceQueries instances,
                              AliyunRedisDescriber describer) {
        this.attributes = attributes;
        this.changes = changes;
        this.instances = instances;
        this.describer = describer;
    }

    Answer modifyInstanceAttribute(Call call) {
        Params p = call.params();
        String name = p.text("InstanceName");
        String password = p.text("NewPassword");
        Boolean protection = p.bool("InstanceReleaseProtection");
        if (name == null && password == null && protection == null) {
            throw AliyunRefusals.missing("InstanceName, NewPassword or InstanceReleaseProtection at least one");
        }
        if (name != null) {
            InstanceNameRule.violation(name).ifPresent(why -> {
                throw new Refusal(400, "InvalidInstanceName.Malformed",
                        "The Specified parameter InstanceName is not valid: " + why);
            });
        }
        var change = new AttributeChange(call.tenant(), call.actor(), Product.ALIYUN_REDIS, null, p.text("InstanceId"),
                name, protection, password == null ? null : Secret.of(password),
                AliyunPasswordPolicies.MODIFY_INSTANCE_ATTRIBUTE, call.action(), call.requestId());
        AttributeChanges.Applied applied = Outcomes.value(attributes.modify(change));
        return Answer.of(Map.of(), did(change, applied));
    }

    Answer describeInstanceAttribute(Call call) {
        return Answer.of(describer.describeInstanceAttribute(call));
    }

    Answer describeInstances(Call call) {
        return Answer.of(describer.describeInstances(call));
    }

    Answer describeAccounts(Call call) {
        Instance instance = defaultAccountOf(call);
        var account = Map.of("AccountName", instance.id(), "InstanceId", instance.id(), "AccountType", "Normal",
                "AccountStatus", "Available", "AccountDescription", "default account",
                "DatabasePrivileges", Map.of("DatabasePrivilege", List.of(Map.of("AccountPrivilege", "RoleReadWrite"))));
        return Answer.of(Map.of("Accounts", Map.of("Account", List.of(account))));
    }

    Answer resetAccountPassword(Call call) {
        Secret next = Secret.of(call.params().text("AccountPassword"));
        return changeAccountPassword(call, null, next, AliyunPasswordPolicies.RESET_ACCOUNT_PASSWORD);
    }

    Answer modifyAccountPassword(Call call) {
        Params p = call.params();
        return changeAccountPassword(call, Secret.of(p.text("OldAccountPassword")), Secret.of(p.text("NewAccountPassword")),
                AliyunPasswordPolicies.MODIFY_ACCOUNT_PASSWORD);
    }

    private Answer changeAccountPassword(Call call, Secret old, Secret next, PasswordPolicy policy) {
        defaultAccountOf(call);
        var request = new ChangeRequest(call.tenant(), call.actor(), Product.ALIYUN_REDIS, null,
                call.params().text("InstanceId"), old, next, policy, call.action(), call.requestId());
        Accepted accepted = Outcomes.value(changes.start(request));
        return awaitVerified(accepted, call);
    }

    /**
     * The visible instance whose default account AccountName names (absent or empty: any). Another name is 404
     * {@code InvalidAccountName.NotFound}: Rekey manages the default account only.
     */
    private Instance defaultAccountOf(Call call) {
        Instance instance = instances.visible(call.tenant(), Product.ALIYUN_REDIS, null, call.params().text("InstanceId"));
        String accountName = call.params().text("AccountName");
        if (accountName != null && !accountName.isEmpty() && !accountName.equals(instance.id())) {
            throw new Refusal(404, "InvalidAccountName.NotFound", "Specified AccountName does not exist in the"
                    + " instance " + instance.id() + ": its default account is named after the instance id.");
        }
        return instance;
    }

    /** Success once verified, or while it still applies after the wait (the instance shows Changing until then). */
    private static Answer awaitVerified(Accepted accepted, Call call) {
        Operation op = accepted.await(call.mode().maxWait());
        boolean applying = !op.state().answered() && op.leaseOwner() != null;
        if (op.state().succeededForTheCloud() || applying) return Answer.accepted(Map.of(), List.of(op));
        String why = op.state() == OperationState.FAILED ? op.result().message()
                : "the engine's state could not be confirmed; Rekey reconciles it and the instance shows Changing until then";
        return Answer.refusedAfter(op, new Refusal(500, "InternalError", "The request processing has failed due to"
                + " some unknown error, exception or failure. Task " + op.id() + ": " + why));
    }

    /** What the audit records: the rename and protection at once, and the password change as an operation. */
    private static Answer.Did did(AttributeChange change, AttributeChanges.Applied applied) {
        if (applied.changedNothing()) return new Answer.Did.Nothing();
        String name = applied.nameChanged() ? "renamed to '" + change.newName() + "'" : "";
        String protection = applied.protectionChanged()
                ? "release protection " + (change.releaseProtection() ? "on" : "off") : "";
        String what = String.join(", ", Stream.of(name, protection).filter(s -> !s.isEmpty()).toList());
        List<Operation> started = applied.passwordChange() == null ? List.of() : List.of(applied.passwordChange().operation());
        return new Answer.Did.Accepted(what, started);
    }
}
