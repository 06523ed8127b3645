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
import static dev.rekey.api.Param.text;
import static dev.rekey.api.Param.texts;

/**
 * Tencent Cloud CVM, API version 2017-03-12: the route table. The batch actions answer with a RequestId alone once
 * every instance's operation is accepted; their outcome is read per instance from DescribeInstances (LatestOperation*).
 * Every action has its documented per-tenant rate, across regions ({@code limits: tencent-cvm: <action>}).
 */
public enum TencentCvmRoute implements RouteSpec<TencentCvmActions> {
    RESET_INSTANCES_PASSWORD("ResetInstancesPassword", List.of(Schemas.IDS, text("Password").present(),
            text("UserName"), bool("ForceStop")), 10, Mode.ASYNC, true, TencentCvmActions::reset),
    STOP_INSTANCES("StopInstances", List.of(Schemas.IDS, text("StopType"), bool("ForceStop"), text("StoppedMode")),
            10, Mode.ASYNC, true, TencentCvmActions::stop),
    START_INSTANCES("StartInstances", List.of(Schemas.IDS), 10, Mode.ASYNC, true, TencentCvmActions::start),
    DESCRIBE_INSTANCES("DescribeInstances", List.of(texts("InstanceIds"), any("Filters"), integer("Offset"),
            integer("Limit")), 40, Mode.SYNC, false, TencentCvmActions::describeInstances),
    DESCRIBE_INSTANCES_STATUS("DescribeInstancesStatus", List.of(texts("InstanceIds"), integer("Offset"),
            integer("Limit")), 40, Mode.SYNC, false, TencentCvmActions::describeInstancesStatus);

    public static final String VERSION = "2017-03-12";

    private final String action;
    private final List<Param> schema;
    private final RateLimit rateLimit;
    private final Mode mode;
    private final boolean mutates;
    private final Method<TencentCvmActions> method;

    TencentCvmRoute(String action, List<Param> schema, int perSecond, Mode mode, boolean mutates,
                    Method<TencentCvmActions> method) {
        this.action = action;
        this.schema = schema;
        this.rateLimit = RateLimit.perAction(Product.TENCENT_CVM, action, perSecond);
        this.mode = mode;
        this.mutates = mutates;
        this.method = method;
    }

    private static final class Schemas {
        static final Param IDS = texts("InstanceIds").required("1 to " + CvmInstanceIds.MAX + " instance ids");
    }

    @Override
    public Product product() {
        return Product.TENCENT_CVM;
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
    public Answer serve(TencentCvmActions handler, Call call) {
        return method.serve(handler, call);
    }

    @Override
    public Refusal refusal(Failure failure) {
        return TencentCvmFailures.of(failure, this);
    }
}
