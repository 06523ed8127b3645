package dev.rekey.api.tencent;

import dev.rekey.core.Accepted;
import dev.rekey.core.ChangeRequest;
import dev.rekey.core.FailureException;
import dev.rekey.core.InstanceQueries;
import dev.rekey.core.Limits;
import dev.rekey.core.Operation;
import dev.rekey.core.Outcome;
import dev.rekey.core.PasswordChanges;
import dev.rekey.core.PasswordPolicies;
import dev.rekey.core.Product;
import dev.rekey.core.RateLimiter;
import dev.rekey.core.Secret;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** TencentDB for Redis, API version 2018-04-12: the password actions, task polling and instance listing. */
public final class TencentRedis implements TencentProduct {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.ofHours(8));
    private static final Set<String> MODIFY_PARAMS = Set.of("InstanceId", "OldPassword", "Password", "EncryptPassword");
    private static final Set<String> RESET_PARAMS = Set.of("InstanceId", "Password", "NoAuth", "EncryptPassword");

    private final PasswordChanges changes;
    private final InstanceQueries queries;
    private final RateLimiter rateLimiter;
    private final Limits limits;
    private final TencentRedisDescriber describer;

    public TencentRedis(PasswordChanges changes, InstanceQueries queries, RateLimiter rateLimiter, Limits limits,
                        TencentRedisDescriber describer) {
        this.changes = changes;
        this.queries = queries;
        this.rateLimiter = rateLimiter;
        this.limits = limits;
        this.describer = describer;
    }

    @Override
    public String version() {
        return "2018-04-12";
    }

    @Override
    public Map<String, Object> handle(TencentRequest request) {
        requireRegion(request);
        try {
            return switch (request.action()) {
                case "ModifyInstancePassword", "ModfiyInstancePassword" -> modifyPassword(request);
                case "ResetPassword" -> resetPassword(request);
                case "DescribeInstances" -> describer.describeInstances(request);
                case "DescribeTaskInfo" -> describeTaskInfo(request);
                default -> throw new TencentError("InvalidAction", "the action " + request.action()
                        + " does not exist in redis 2018-04-12; Rekey serves ModifyInstancePassword (also spelt ModfiyInstancePassword), "
                        + "ResetPassword, DescribeInstances and DescribeTaskInfo");
            };
        } catch (FailureException e) {
            throw TencentRedisErrors.of(e.failure());
        }
    }

    private static void requireRegion(TencentRequest request) {
        if (request.region() == null || request.region().isEmpty()) {
            throw new TencentError("MissingParameter", "the request is missing the Region (X-TC-Region header or Region parameter)");
        }
    }

    private Map<String, Object> modifyPassword(TencentRequest r) {
        rateLimit(r, "ModifyInstancePassword");
        TencentParams p = r.params();
        p.onlyKnown(MODIFY_PARAMS);
        String instanceId = p.requiredString("InstanceId");
        Secret old = Secret.of(p.requiredString("OldPassword"));
        Secret next = Secret.of(p.requiredString("Password"));
        refuseEncryptedPassword(p);
        var request = new ChangeRequest(r.tenant(), r.actor(), Product.TENCENT_REDIS, r.region(), instanceId, old, next,
                PasswordPolicies.TENCENT_REDIS_MODIFY, r.action(), r.requestId());
        return taskAnswer(changes.start(request));
    }

    private Map<String, Object> resetPassword(TencentRequest r) {
        rateLimit(r, "ResetPassword");
        TencentParams p = r.params();
        p.onlyKnown(RESET_PARAMS);
        String instanceId = p.requiredString("InstanceId");
        boolean noAuth = p.optionalBoolean("NoAuth", false);
        Secret next = noAuth ? null : Secret.of(p.requiredString("Password"));
        refuseEncryptedPassword(p);
        var request = new ChangeRequest(r.tenant(), r.actor(), Product.TENCENT_REDIS, r.region(), instanceId, null, next,
                PasswordPolicies.TENCENT_REDIS_RESET, r.action(), r.requestId());
        return taskAnswer(changes.start(request));
    }

    /** The scheme behind EncryptPassword is not public; accepting it silently would set a password nobody knows. */
    private static void refuseEncryptedPassword(TencentParams p) {
        if (p.optionalBoolean("EncryptPassword", false)) {
            throw new TencentError("InvalidParameterValue", "EncryptPassword=true is not supported by Rekey: its encryption scheme is not "
                    + "publicly documented; send the password in plain text over TLS with EncryptPassword=false or absent");
        }
    }

    /** Both spellings of the change action share one budget, as they are one API. */
    private void rateLimit(TencentRequest r, String api) {
        int perSecond = limits.get(Product.TENCENT_REDIS, api, 20);
        rateLimiter.acquire("tencent-redis/" + api + "/" + r.tenant() + "/" + r.region(), perSecond);
    }

    private static Map<String, Object> taskAnswer(Outcome<Accepted> outcome) {
        return switch (outcome) {
            case Outcome.Ok<Accepted> ok -> Map.of("TaskId", ok.value().operation().id());
            case Outcome.Fail<Accepted> fail -> throw TencentRedisErrors.of(fail.failure());
        };
    }

    private Map<String, Object> describeTaskInfo(TencentRequest r) {
        TencentParams p = r.params();
        p.onlyKnown(Set.of("TaskId"));
        long id = p.requiredLong("TaskId");
        Operation task = queries.operation(r.tenant(), id).orElseThrow(() ->
                new TencentError("InvalidParameter.InvalidParameter", "the task " + id + " does not exist"));
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
        return out;
    }
}
