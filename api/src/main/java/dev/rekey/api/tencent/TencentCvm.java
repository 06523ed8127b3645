package dev.rekey.api.tencent;

import dev.rekey.core.BatchAccepted;
import dev.rekey.core.CvmOperations;
import dev.rekey.core.FailureException;
import dev.rekey.core.GuestBatchRequest;
import dev.rekey.core.GuestResetRequest;
import dev.rekey.core.Outcome;
import dev.rekey.core.Limits;
import dev.rekey.core.Product;
import dev.rekey.core.RateLimiter;
import dev.rekey.core.Secret;
import dev.rekey.core.StopType;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tencent Cloud CVM, API version 2017-03-12: ResetInstancesPassword on real guests, StopInstances, StartInstances,
 * DescribeInstances and DescribeInstancesStatus. The batch actions answer with a RequestId only; their outcome is
 * read per instance from DescribeInstances (LatestOperation*).
 */
public final class TencentCvm implements TencentProduct {
    /** The regions seed 003 lists for ResetInstancesPassword. */
    static final Set<String> RESET_REGIONS = Set.of("ap-bangkok", "ap-beijing", "ap-chengdu", "ap-chongqing",
            "ap-guangzhou", "ap-hongkong", "ap-jakarta", "ap-nanjing", "ap-seoul", "ap-shanghai", "ap-shanghai-fsi",
            "ap-shenzhen-fsi", "ap-singapore", "ap-tokyo", "eu-frankfurt", "na-ashburn", "na-siliconvalley", "sa-saopaulo");
    private static final Set<String> RESET_PARAMS = Set.of("InstanceIds", "Password", "UserName", "ForceStop");
    private static final Set<String> STOP_PARAMS = Set.of("InstanceIds", "ForceStop", "StopType", "StoppedMode");
    private static final int MAX_USER_NAME = 64;
    /** What a guest account name may hold: the agent forbids ':' and newlines, and blanks or controls never name one. */
    private static final Pattern USER_NAME = Pattern.compile("[^:\\s\\p{Cntrl}]+");
    /** Documented per-tenant rates (requests per second), overridable under limits: tencent-cvm. */
    private static final Map<String, Integer> RATES = Map.of("ResetInstancesPassword", 10, "StopInstances", 10,
            "StartInstances", 10, "DescribeInstances", 40, "DescribeInstancesStatus", 40);

    private final CvmOperations cvm;
    private final TencentCvmDescriber describer;
    private final RateLimiter rateLimiter;
    private final Limits limits;

    public TencentCvm(CvmOperations cvm, TencentCvmDescriber describer, RateLimiter rateLimiter, Limits limits) {
        this.cvm = cvm;
        this.describer = describer;
        this.rateLimiter = rateLimiter;
        this.limits = limits;
    }

    @Override
    public String version() {
        return "2017-03-12";
    }

    @Override
    public Map<String, Object> handle(TencentRequest request) {
        if (request.region() == null || request.region().isEmpty()) {
            throw new TencentError("MissingParameter", "the request is missing the Region (X-TC-Region header or Region parameter)");
        }
        if (!RATES.containsKey(request.action())) {
            throw new TencentError("InvalidAction", "the action " + request.action() + " does not exist in cvm 2017-03-12;"
                    + " Rekey serves ResetInstancesPassword, DescribeInstances, DescribeInstancesStatus, StopInstances"
                    + " and StartInstances");
        }
        try {
            rateLimit(request);
            return switch (request.action()) {
                case "ResetInstancesPassword" -> reset(request);
                case "StopInstances" -> stop(request);
                case "StartInstances" -> start(request);
                case "DescribeInstances" -> describer.describeInstances(request);
                default -> describer.describeStatus(request);
            };
        } catch (FailureException e) {
            throw TencentCvmErrors.of(e.failure());
        }
    }

    /** Per tenant and action, across regions: the documented limits are per account. */
    private void rateLimit(TencentRequest r) {
        int perSecond = limits.get(Product.TENCENT_CVM, r.action(), RATES.get(r.action()));
        rateLimiter.acquire("tencent-cvm/" + r.action() + "/" + r.tenant(), perSecond);
    }

    private Map<String, Object> reset(TencentRequest r) {
        TencentParams p = r.params();
        p.onlyKnown(RESET_PARAMS);
        if (!RESET_REGIONS.contains(r.region())) {
            throw new TencentError("UnsupportedRegion", "ResetInstancesPassword is not offered in the region " + r.region()
                    + "; it is in " + String.join(", ", RESET_REGIONS.stream().sorted().toList()));
        }
        var batch = batch(r, p);
        String password = p.optionalString("Password");
        if (password == null) throw new TencentError("MissingParameter", "the request is missing the required parameter Password");
        var request = new GuestResetRequest(batch, userName(p), Secret.of(password), p.optionalBoolean("ForceStop", false));
        return answer(cvm.reset(request), r.action());
    }

    private static String userName(TencentParams p) {
        String user = p.optionalString("UserName");
        if (user == null || user.isEmpty()) return null;
        if (user.length() > MAX_USER_NAME) {
            throw new TencentError("InvalidParameterValue.TooLong", "UserName has " + user.length()
                    + " characters; at most " + MAX_USER_NAME + " are allowed");
        }
        if (!USER_NAME.matcher(user).matches()) {
            throw new TencentError("InvalidParameterValue", "UserName must not contain ':', blanks or control characters");
        }
        return user;
    }

    private Map<String, Object> stop(TencentRequest r) {
        TencentParams p = r.params();
        p.onlyKnown(STOP_PARAMS);
        var batch = batch(r, p);
        return answer(cvm.stop(batch, stopType(p), stoppedMode(p)), r.action());
    }

    /** StopType, or the deprecated ForceStop (true: soft, then forced); never both. */
    private static StopType stopType(TencentParams p) {
        String type = p.optionalString("StopType");
        if (type != null && p.has("ForceStop")) {
            throw new TencentError("InvalidParameterCombination", "ForceStop and StopType cannot be given together;"
                    + " ForceStop is deprecated, use StopType");
        }
        if (type == null) return p.optionalBoolean("ForceStop", false) ? StopType.SOFT_FIRST : StopType.SOFT;
        return switch (type) {
            case "SOFT" -> StopType.SOFT;
            case "HARD" -> StopType.HARD;
            case "SOFT_FIRST" -> StopType.SOFT_FIRST;
            default -> throw new TencentError("InvalidParameterValue", "StopType must be SOFT, HARD or SOFT_FIRST");
        };
    }

    private static String stoppedMode(TencentParams p) {
        String mode = p.optionalString("StoppedMode");
        if (mode == null) return "KEEP_CHARGING";
        if (!mode.equals("KEEP_CHARGING") && !mode.equals("STOP_CHARGING")) {
            throw new TencentError("InvalidParameterValue", "StoppedMode must be KEEP_CHARGING or STOP_CHARGING");
        }
        return mode;
    }

    private Map<String, Object> start(TencentRequest r) {
        TencentParams p = r.params();
        p.onlyKnown(Set.of("InstanceIds"));
        return answer(cvm.start(batch(r, p)), r.action());
    }

    private static GuestBatchRequest batch(TencentRequest r, TencentParams p) {
        return new GuestBatchRequest(r.tenant(), r.actor(), r.region(), CvmInstanceIds.required(p, "InstanceIds"),
                r.requestId());
    }

    /** Batch actions answer with the RequestId alone; the dialect adds it. */
    private static Map<String, Object> answer(Outcome<BatchAccepted> outcome, String action) {
        return switch (outcome) {
            case Outcome.Ok<BatchAccepted> ok -> Map.of();
            case Outcome.Fail<BatchAccepted> refused -> throw TencentCvmErrors.of(refused.failure(), action);
        };
    }
}
