package dev.rekey.api.tencent;

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

import static dev.rekey.api.Param.any;
import static dev.rekey.api.Param.bool;
import static dev.rekey.api.Param.integer;
import static dev.rekey.api.Param.integers;
import static dev.rekey.api.Param.text;
import static dev.rekey.api.Param.texts;

/**
 * TencentDB for Redis, API version 2018-04-12: the route table. Only the password actions are throttled
 * ({@code limits: tencent-redis: ModifyInstancePassword / ResetPassword}, 20 per second per tenant and region by
 * default); both spellings of the change share one budget, as they are one API.
 */
public enum TencentRedisRoute implements RouteSpec<TencentRedisActions> {
    MODIFY_INSTANCE_PASSWORD("ModifyInstancePassword", Schemas.MODIFY, Schemas.CHANGES, Mode.ASYNC, true,
            TencentRedisActions::modifyPassword),
    /** The SDKs' own misspelling of the same API, still sent by older ones. */
    MODFIY_INSTANCE_PASSWORD("ModfiyInstancePassword", Schemas.MODIFY, Schemas.CHANGES, Mode.ASYNC, true,
            TencentRedisActions::modifyPassword),
    RESET_PASSWORD("ResetPassword", Schemas.RESET, Schemas.RESETS, Mode.ASYNC, true,
            TencentRedisActions::resetPassword),
    DESCRIBE_INSTANCES("DescribeInstances", Schemas.DESCRIBE, RateLimit.NONE, Mode.SYNC, false,
            TencentRedisActions::describeInstances),
    DESCRIBE_TASK_INFO("DescribeTaskInfo", List.of(integer("TaskId").required()), RateLimit.NONE, Mode.SYNC, false,
            TencentRedisActions::describeTaskInfo);

    public static final String VERSION = "2018-04-12";

    private final String action;
    private final List<Param> schema;
    private final RateLimit rateLimit;
    private final Mode mode;
    private final boolean mutates;
    private final Method<TencentRedisActions> method;

    TencentRedisRoute(String action, List<Param> schema, RateLimit rateLimit, Mode mode, boolean mutates,
                      Method<TencentRedisActions> method) {
        this.action = action;
        this.schema = schema;
        this.rateLimit = rateLimit;
        this.mode = mode;
        this.mutates = mutates;
        this.method = method;
    }

    /** Enum constants cannot name the enum's own static fields, so the shared values live here. */
    private static final class Schemas {
        static final List<Param> MODIFY = List.of(text("InstanceId").required(), text("OldPassword").required(),
                text("Password").required(), bool("EncryptPassword"));
        /** {@code Password} is required unless {@code NoAuth} is true: the handler says so. */
        static final List<Param> RESET = List.of(text("InstanceId").required(), bool("NoAuth"), text("Password"),
                bool("EncryptPassword"));
        /** The documented filters; the ones Rekey does not model are accepted and ignored. */
        static final List<Param> DESCRIBE = List.of(integer("Limit"), integer("Offset"), text("InstanceId"),
                any("OrderBy"), any("OrderType"), any("VpcIds"), any("SubnetIds"), text("SearchKey"),
                any("ProjectIds"), text("InstanceName"), any("UniqVpcIds"), any("UniqSubnetIds"), any("RegionIds"),
                integers("Status"), any("TypeVersion"), any("EngineName"), any("AutoRenew"), any("BillingMode"),
                any("Type"), any("SearchKeys"), any("TypeList"), any("MonitorVersion"), any("InstanceTags"),
                any("TagKeys"), any("ProductVersions"), texts("InstanceIds"), any("AzMode"));
        static final RateLimit CHANGES = RateLimit.perActionAndRegion(Product.TENCENT_REDIS, "ModifyInstancePassword", 20);
        static final RateLimit RESETS = RateLimit.perActionAndRegion(Product.TENCENT_REDIS, "ResetPassword", 20);
    }

    @Override
    public Product product() {
        return Product.TENCENT_REDIS;
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
        return rateLimit;
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
    public Answer serve(TencentRedisActions handler, Call call) {
        return method.serve(handler, call);
    }

    @Override
    public Refusal refusal(Failure failure) {
        return TencentRedisFailures.of(failure);
    }
}
