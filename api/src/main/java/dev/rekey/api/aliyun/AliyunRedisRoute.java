package dev.rekey.api.aliyun;

import dev.rekey.api.Answer;
import dev.rekey.api.Call;
import dev.rekey.api.Mode;
import dev.rekey.api.Param;
import dev.rekey.api.RateLimit;
import dev.rekey.api.Refusal;
import dev.rekey.api.RouteSpec;
import dev.rekey.core.Failure;
import dev.rekey.core.Product;

import java.util.List;

import static dev.rekey.api.Param.bool;
import static dev.rekey.api.Param.integer;
import static dev.rekey.api.Param.text;

/**
 * ApsaraDB for Redis (R-kvstore), API version 2015-01-01: the route table. Every action shares one per-tenant budget
 * ({@code limits: aliyun-redis: requests-per-second}, default 100: the public docs give no figure for these actions).
 * The account actions answer once the engine has verified the new password (or after {@link Mode#maxWait()}), so that
 * a client may log in with it as soon as the call returns; ModifyInstanceAttribute answers once the change is accepted.
 */
public enum AliyunRedisRoute implements RouteSpec<AliyunRedisActions> {
    MODIFY_INSTANCE_ATTRIBUTE("ModifyInstanceAttribute", List.of(Schemas.INSTANCE, text("InstanceName"),
            text("NewPassword"), bool("InstanceReleaseProtection")), Mode.ASYNC, true,
            AliyunRedisActions::modifyInstanceAttribute),
    DESCRIBE_INSTANCE_ATTRIBUTE("DescribeInstanceAttribute", List.of(Schemas.INSTANCE), Mode.SYNC, false,
            AliyunRedisActions::describeInstanceAttribute),
    /** Filters Rekey does not model (VpcId, ZoneId, ...) are ignored like any undeclared parameter. */
    DESCRIBE_INSTANCES("DescribeInstances", List.of(integer("PageNumber").between(1, Integer.MAX_VALUE),
            integer("PageSize").between(1, 50), text("InstanceIds"), text("SearchKey"), text("InstanceStatus"),
            text("InstanceType"), text("EngineVersion"), text("ArchitectureType"), text("ChargeType"),
            text("NetworkType"), text("EditionType"), text("PrivateIp")), Mode.SYNC, false,
            AliyunRedisActions::describeInstances),
    DESCRIBE_ACCOUNTS("DescribeAccounts", List.of(Schemas.INSTANCE, text("AccountName")), Mode.SYNC, false,
            AliyunRedisActions::describeAccounts),
    RESET_ACCOUNT_PASSWORD("ResetAccountPassword", List.of(Schemas.INSTANCE, Schemas.ACCOUNT,
            text("AccountPassword").required()), Mode.SYNC, true, AliyunRedisActions::resetAccountPassword),
    MODIFY_ACCOUNT_PASSWORD("ModifyAccountPassword", List.of(Schemas.INSTANCE, Schemas.ACCOUNT,
            text("OldAccountPassword").required(), text("NewAccountPassword").required()), Mode.SYNC, true,
            AliyunRedisActions::modifyAccountPassword);

    public static final String VERSION = "2015-01-01";
    static final RateLimit BUDGET = RateLimit.perTenant(Product.ALIYUN_REDIS, "requests-per-second", 100);

    private final String action;
    private final List<Param> schema;
    private final Mode mode;
    private final boolean mutates;
    private final Method<AliyunRedisActions> method;

    AliyunRedisRoute(String action, List<Param> schema, Mode mode, boolean mutates, Method<AliyunRedisActions> method) {
        this.action = action;
        this.schema = schema;
        this.mode = mode;
        this.mutates = mutates;
        this.method = method;
    }

    private static final class Schemas {
        static final Param INSTANCE = text("InstanceId").required();
        static final Param ACCOUNT = text("AccountName").required();
    }

    @Override
    public Product product() {
        return Product.ALIYUN_REDIS;
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public String action() {
        return action;
    }

    @Override
    public List<Param> schema() {
        return schema;
    }

    @Override
    public RateLimit rateLimit() {
        return BUDGET;
    }

    @Override
    public Mode mode() {
        return mode;
    }

    @Override
    public boolean mutates() {
        return mutates;
    }

    @Override
    public Answer serve(AliyunRedisActions handler, Call call) {
        return method.serve(handler, call);
    }

    @Override
    public Refusal refusal(Failure failure) {
        return AliyunRedisFailures.of(this, failure);
    }
}
