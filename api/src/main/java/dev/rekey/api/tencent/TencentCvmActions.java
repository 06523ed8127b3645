package dev.rekey.api.tencent;

import dev.rekey.api.Answer;
import dev.rekey.api.Call;
import dev.rekey.api.Outcomes;
import dev.rekey.api.Params;
import dev.rekey.core.BatchAccepted;
import dev.rekey.core.CvmOperations;
import dev.rekey.core.GuestBatchRequest;
import dev.rekey.core.GuestResetRequest;
import dev.rekey.core.Outcome;
import dev.rekey.core.Secret;
import dev.rekey.core.StopType;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The handlers of {@link TencentCvmRoute}: ResetInstancesPassword on real guests, StopInstances and StartInstances as
 * batches the core checks whole, and the two describe actions.
 */
public final class TencentCvmActions {
    /** The regions seed 003 lists for ResetInstancesPassword. */
    static final Set<String> RESET_REGIONS = Set.of("ap-bangkok", "ap-beijing", "ap-chengdu", "ap-chongqing",
            "ap-guangzhou", "ap-hongkong", "ap-jakarta", "ap-nanjing", "ap-seoul", "ap-shanghai", "ap-shanghai-fsi",
            "ap-shenzhen-fsi", "ap-singapore", "ap-tokyo", "eu-frankfurt", "na-ashburn", "na-siliconvalley", "sa-saopaulo");
    private static final int MAX_USER_NAME = 64;
    /** What a guest account name may hold: the agent forbids ':' and newlines, and blanks or controls never name one. */
    private static final Pattern USER_NAME = Pattern.compile("[^:\\s\\p{Cntrl}]+");

    private final CvmOperations cvm;
    private final TencentCvmDescriber describer;

    public TencentCvmActions(CvmOperations cvm, TencentCvmDescriber describer) {
        this.cvm = cvm;
        this.describer = describer;
    }

    Answer reset(Call call) {
        Params p = call.params();
        if (!RESET_REGIONS.contains(call.region())) {
            throw TencentRefusals.of("UnsupportedRegion", "ResetInstancesPassword is not offered in the region "
                    + call.region() + "; it is in " + String.join(", ", RESET_REGIONS.stream().sorted().toList()));
        }
        var request = new GuestResetRequest(batch(call), userName(p), Secret.of(p.text("Password")),
                p.bool("ForceStop", false));
        return answer(cvm.reset(request));
    }

    Answer stop(Call call) {
        Params p = call.params();
        GuestBatchRequest batch = batch(call);
        return answer(cvm.stop(batch, stopType(p), stoppedMode(p)));
    }

    Answer start(Call call) {
        return answer(cvm.start(batch(call)));
    }

    Answer describeInstances(Call call) {
        return Answer.of(describer.describeInstances(call));
    }

    Answer describeInstancesStatus(Call call) {
        return Answer.of(describer.describeStatus(call));
    }

    private static String userName(Params p) {
        String user = p.text("UserName");
        if (user == null || user.isEmpty()) return null;
        if (user.length() > MAX_USER_NAME) {
            throw TencentRefusals.of("InvalidParameterValue.TooLong", "UserName has " + user.length()
                    + " characters; at most " + MAX_USER_NAME + " are allowed");
        }
        if (!USER_NAME.matcher(user).matches()) {
            throw TencentRefusals.of("InvalidParameterValue", "UserName must not contain ':', blanks or control characters");
        }
        return user;
    }

    /** StopType, or the deprecated ForceStop (true: soft, then forced); never both. */
    private static StopType stopType(Params p) {
        String type = p.text("StopType");
        if (type != null && p.has("ForceStop")) {
            throw TencentRefusals.of("InvalidParameterCombination", "ForceStop and StopType cannot be given together;"
                    + " ForceStop is deprecated, use StopType");
        }
        if (type == null) return p.bool("ForceStop", false) ? StopType.SOFT_FIRST : StopType.SOFT;
        return switch (type) {
            case "SOFT" -> StopType.SOFT;
            case "HARD" -> StopType.HARD;
            case "SOFT_FIRST" -> StopType.SOFT_FIRST;
            default -> throw TencentRefusals.of("InvalidParameterValue", "StopType must be SOFT, HARD or SOFT_FIRST");
        };
    }

    private static String stoppedMode(Params p) {
        String mode = p.text("StoppedMode");
        if (mode == null) return "KEEP_CHARGING";
        if (!mode.equals("KEEP_CHARGING") && !mode.equals("STOP_CHARGING")) {
            throw TencentRefusals.of("InvalidParameterValue", "StoppedMode must be KEEP_CHARGING or STOP_CHARGING");
        }
        return mode;
    }

    private static GuestBatchRequest batch(Call call) {
        var ids = CvmInstanceIds.checked(call.params().texts("InstanceIds"), "InstanceIds");
        return new GuestBatchRequest(call.tenant(), call.actor(), call.region(), ids, call.requestId());
    }

    /** Batch actions answer with the RequestId alone; the serializer adds it. */
    private static Answer answer(Outcome<BatchAccepted> outcome) {
        return Answer.accepted(Map.of(), Outcomes.value(outcome).operations());
    }
}
