package dev.rekey.api.tencent;

import dev.rekey.api.Call;
import dev.rekey.api.Params;
import dev.rekey.core.CvmInstance;
import dev.rekey.core.Instance;
import dev.rekey.core.InstanceQueries;
import dev.rekey.core.LatestOperation;
import dev.rekey.core.Product;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * CVM DescribeInstances and DescribeInstancesStatus: the tenant's instances in the request's region, selected by
 * InstanceIds or Filters (not both), paged by Offset and Limit (at most 100). Unknown ids are simply not listed.
 */
public final class TencentCvmDescriber {
    private static final int MAX_LIMIT = 100;

    private final InstanceQueries instances;

    public TencentCvmDescriber(InstanceQueries instances) {
        this.instances = instances;
    }

    Map<String, Object> describeInstances(Call call) {
        Params p = call.params();
        List<String> ids = CvmInstanceIds.checked(p.texts("InstanceIds"), "InstanceIds");
        List<CvmFilter> filters = CvmFilter.read(p.any("Filters"));
        if (!ids.isEmpty() && !filters.isEmpty()) {
            throw TencentRefusals.of("InvalidParameter", "InstanceIds and Filters cannot be given together; use one of them"
                    + " (the instance-id filter selects by id as well)");
        }
        Page page = Page.of(p);
        List<CvmInstance> matching = visible(call).stream()
                .filter(i -> ids.isEmpty() || ids.contains(i.id()))
                .filter(i -> filters.stream().allMatch(f -> f.matches(i)))
                .toList();
        var set = matching.stream().skip(page.offset()).limit(page.limit()).map(TencentCvmDescriber::render).toList();
        return Map.of("TotalCount", matching.size(), "InstanceSet", set);
    }

    Map<String, Object> describeStatus(Call call) {
        Params p = call.params();
        List<String> ids = CvmInstanceIds.checked(p.texts("InstanceIds"), "InstanceIds");
        Page page = Page.of(p);
        List<CvmInstance> matching = visible(call).stream().filter(i -> ids.isEmpty() || ids.contains(i.id())).toList();
        var set = matching.stream().skip(page.offset()).limit(page.limit())
                .map(i -> Map.of("InstanceId", i.id(), "InstanceState", i.state().name())).toList();
        return Map.of("TotalCount", matching.size(), "InstanceStatusSet", set);
    }

    private List<CvmInstance> visible(Call call) {
        return instances.list(call.tenant(), Product.TENCENT_CVM).stream()
                .filter(i -> i.visibleTo(call.tenant(), Product.TENCENT_CVM, call.region()))
                .map(CvmInstance::of)
                .toList();
    }

    private record Page(long offset, long limit) {
        static Page of(Params p) {
            long offset = p.integer("Offset", 0);
            long limit = p.integer("Limit", 20);
            if (offset < 0) throw TencentRefusals.of("InvalidParameterValue", "Offset must not be negative");
            if (limit < 1 || limit > MAX_LIMIT) {
                throw TencentRefusals.of("InvalidParameterValue.LimitExceeded", "Limit must be between 1 and " + MAX_LIMIT);
            }
            return new Page(offset, limit);
        }
    }

    /** The zone Rekey shows: it does not model zones, so every instance is in its region's first one. */
    static String zone(Instance i) {
        return i.region() + "-1";
    }

    private static Map<String, Object> render(CvmInstance c) {
        Instance i = c.instance();
        LatestOperation latest = c.latest();
        var m = new LinkedHashMap<String, Object>();
        m.put("Placement", Map.of("Zone", zone(i), "ProjectId", 0));
        m.put("InstanceId", i.id());
        m.put("InstanceType", "REKEY.GUEST");
        m.put("InstanceName", i.name() == null ? i.id() : i.name());
        m.put("InstanceChargeType", "POSTPAID_BY_HOUR");
        m.put("RestrictState", "NORMAL");
        m.put("PrivateIpAddresses", List.of());
        m.put("OsName", c.image().isEmpty() ? (c.windows() ? "Windows Server" : "Linux") : c.image());
        m.put("InstanceState", c.state().name());
        m.put("StopChargingMode", c.facts().stopChargingMode());
        m.put("Uuid", UUID.nameUUIDFromBytes(i.id().getBytes(StandardCharsets.UTF_8)).toString());
        m.put("CreatedTime", createdTime(i));
        m.put("LatestOperation", latest == null ? null : latest.action());
        m.put("LatestOperationState", latest == null ? null : latest.state().name());
        m.put("LatestOperationRequestId", latest == null ? null : latest.requestId());
        m.put("LatestOperationErrorMsg", latest == null ? null : latest.errorMessage());
        m.put("DefaultLoginUser", c.defaultUser());
        m.put("DefaultLoginPort", c.windows() ? 3389 : 22);
        return m;
    }

    /** ISO-8601 in UTC with a Z, to the second, as the API shows it. */
    private static String createdTime(Instance i) {
        return i.createdAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
}
