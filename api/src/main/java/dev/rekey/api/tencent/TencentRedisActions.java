package dev.rekey.api.tencent;

import dev.rekey.api.Answer;
import dev.rekey.api.Call;
import dev.rekey.api.Outcomes;
import dev.rekey.api.Params;
import dev.rekey.core.Accepted;
import dev.rekey.core.ChangeRequest;
import dev.rekey.core.InstanceQueries;
import dev.rekey.core.Operation;
import dev.rekey.core.PasswordChanges;
import dev.rekey.core.PasswordPolicies;
import dev.rekey.core.PasswordPolicy;
import dev.rekey.core.Product;
import dev.rekey.core.Secret;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The handlers of {@link TencentRedisRoute}: the password actions start an operation and answer with its TaskId at
 * once; DescribeTaskInfo reads it back.
 */
public final class TencentRedisActions {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.ofHours(8));

    private final PasswordChanges changes;
    private final InstanceQueries queries;
    private final TencentRedisDescriber describer;

    public TencentRedisActions(PasswordChanges changes, InstanceQueries queries, TencentRedisDescriber describer) {
        this.changes = changes;
        this.queries = queries;
        this.describer = describer;
    }

    Answer modifyPassword(Call call) {
        Params p = call.params();
        refuseEncryptedPassword(p);
        return start(call, Secret.of(p.text("OldPassword")), Secret.of(p.text("Password")),
                PasswordPolicies.TENCENT_REDIS_MODIFY);
    }

    /** {@code NoAuth=true} switches the instance to password-free access; otherwise the Password is required. */
    Answer resetPassword(Call call) {
        Params p = call.params();
        Secret next = p.bool("NoAuth", false) ? null : Secret.of(requiredPassword(p));
        refuseEncryptedPassword(p);
        return start(call, null, next, PasswordPolicies.TENCENT_REDIS_RESET);
    }

    Answer describeInstances(Call call) {
        return Answer.of(describer.describeInstances(call));
    }

    Answer describeTaskInfo(Call call) {
        long id = call.params().integer("TaskId");
        Operation task = queries.operation(call.tenant(), id).orElseThrow(() ->
                TencentRefusals.of("InvalidParameter.InvalidParameter", "the task " + id + " does not exist"));
        var out = new LinkedHashMap<String, Object>();
        out.put("Status", switch (task.state()) {
            case REQUESTED, QUEUED -> "preparing";
            case RUNNING -> "running";
            case SUCCEEDED, OVERLAP -> "succeed";
            case FAILED, REFUSED -> "failed";
        });
        out.put("StartTime", TIME.format(task.createdAt()));
        out.put("TaskType", task.action());
        out.put("InstanceId", task.instanceId());
        out.put("TaskMessage", task.result().message() == null ? "" : task.result().message());
        return Answer.of(out);
    }

    private Answer start(Call call, Secret old, Secret next, PasswordPolicy policy) {
        var request = new ChangeRequest(call.tenant(), call.actor(), Product.TENCENT_REDIS, call.region(),
                call.params().text("InstanceId"), old, next, policy, call.action(), call.requestId());
        Accepted accepted = Outcomes.value(changes.start(request));
        Operation op = accepted.operation();
        return Answer.accepted(Map.of("TaskId", op.id()), List.of(op));
    }

    private static String requiredPassword(Params p) {
        String password = p.text("Password");
        if (password == null) throw TencentRefusals.missingParameter("Password");
        if (password.isEmpty()) throw TencentRefusals.emptyParameter("Password");
        return password;
    }

    /** The scheme behind EncryptPassword is not public; accepting it silently would set a password nobody knows. */
    private static void refuseEncryptedPassword(Params p) {
        if (p.bool("EncryptPassword", false)) {
            throw TencentRefusals.of("InvalidParameterValue", "EncryptPassword=true is not supported by Rekey: its"
                    + " encryption scheme is not publicly documented; send the password in plain text over TLS with"
                    + " EncryptPassword=false or absent");
        }
    }
}
