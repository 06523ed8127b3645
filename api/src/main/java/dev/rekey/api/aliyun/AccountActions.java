package dev.rekey.api.aliyun;

import dev.rekey.core.Accepted;
import dev.rekey.core.AliyunPasswordPolicies;
import dev.rekey.core.ChangeRequest;
import dev.rekey.core.Instance;
import dev.rekey.core.InstanceQueries;
import dev.rekey.core.Operation;
import dev.rekey.core.OperationState;
import dev.rekey.core.Outcome;
import dev.rekey.core.PasswordChanges;
import dev.rekey.core.PasswordPolicy;
import dev.rekey.core.Product;
import dev.rekey.core.Secret;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * DescribeAccounts, ResetAccountPassword and ModifyAccountPassword for the instance's default account, which the real
 * service names after the instance id and which is the engine's {@code default} user. These actions answer once the
 * engine has verified the new password (or after {@link #WAIT}, when the change goes on in the background), so that a
 * client may log in with it as soon as the call returns.
 */
final class AccountActions {
    static final Duration WAIT = Duration.ofSeconds(10);
    private final PasswordChanges changes;
    private final InstanceQueries instances;

    AccountActions(PasswordChanges changes, InstanceQueries instances) {
        this.changes = changes;
        this.instances = instances;
    }

    Map<String, Object> describeAccounts(AliyunRequest r) {
        Instance instance = defaultAccountOf(r, r.params().optional("AccountName"));
        var account = Map.of("AccountName", instance.id(), "InstanceId", instance.id(), "AccountType", "Normal",
                "AccountStatus", "Available", "AccountDescription", "default account",
                "DatabasePrivileges", Map.of("DatabasePrivilege", List.of(Map.of("AccountPrivilege", "RoleReadWrite"))));
        return Map.of("Accounts", Map.of("Account", List.of(account)));
    }

    Map<String, Object> resetAccountPassword(AliyunRequest r) {
        var p = r.params();
        String id = p.required("InstanceId");
        String name = p.required("AccountName");
        Secret next = Secret.of(p.required("AccountPassword"));
        return change(r, id, name, null, next, AliyunPasswordPolicies.RESET_ACCOUNT_PASSWORD);
    }

    Map<String, Object> modifyAccountPassword(AliyunRequest r) {
        var p = r.params();
        String id = p.required("InstanceId");
        String name = p.required("AccountName");
        Secret old = Secret.of(p.required("OldAccountPassword"));
        Secret next = Secret.of(p.required("NewAccountPassword"));
        return change(r, id, name, old, next, AliyunPasswordPolicies.MODIFY_ACCOUNT_PASSWORD);
    }

    private Map<String, Object> change(AliyunRequest r, String id, String account, Secret old, Secret next,
                                       PasswordPolicy policy) {
        defaultAccountOf(r, account);
        var request = new ChangeRequest(r.tenant(), r.actor(), Product.ALIYUN_REDIS, null, id, old, next, policy,
                r.action(), r.requestId());
        return switch (changes.start(request)) {
            case Outcome.Ok<Accepted> ok -> awaitVerified(ok.value());
            case Outcome.Fail<Accepted> fail -> throw AliyunRedisErrors.of(r.action(), fail.failure());
        };
    }

    /**
     * The visible instance whose default account {@code accountName} names (null or empty: any). Another name is
     * 404 {@code InvalidAccountName.NotFound}: Rekey manages the default account only.
     */
    private Instance defaultAccountOf(AliyunRequest r, String accountName) {
        String id = r.params().required("InstanceId");
        Instance instance = instances.visible(r.tenant(), Product.ALIYUN_REDIS, null, id);
        if (accountName != null && !accountName.isEmpty() && !accountName.equals(instance.id())) {
            throw new AliyunError(404, "InvalidAccountName.NotFound", "Specified AccountName does not exist in the"
                    + " instance " + instance.id() + ": its default account is named after the instance id.");
        }
        return instance;
    }

    private static Map<String, Object> awaitVerified(Accepted accepted) {
        Operation op = accepted.await(WAIT);
        if (op.state().succeededForTheCloud()) return Map.of();
        if (!op.state().answered() && op.leaseOwner() != null) {
            return Map.of(); // accepted and still applying: the instance shows Changing until the change is verified
        }
        String why = op.state() == OperationState.FAILED ? op.result().message()
                : "the engine's state could not be confirmed; Rekey reconciles it and the instance shows Changing until then";
        throw new AliyunError(500, "InternalError", "The request processing has failed due to some unknown error,"
                + " exception or failure. Task " + op.id() + ": " + why);
    }
}
