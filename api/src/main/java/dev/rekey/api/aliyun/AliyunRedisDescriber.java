package dev.rekey.api.aliyun;

import dev.rekey.api.Call;
import dev.rekey.api.Params;
import dev.rekey.core.Instance;
import dev.rekey.core.InstanceQueries;
import dev.rekey.core.Product;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * DescribeInstanceAttribute (one instance, any region: ids are global) and DescribeInstances (the tenant's instances,
 * in the region when RegionId is given, filtered and paged). Filters on fields Rekey does not model (VpcId, ZoneId,
 * ResourceGroupId, ...) are ignored; a tag filter matches nothing, since instances carry no tags.
 */
public final class AliyunRedisDescriber {
    private static final Pattern TAG = Pattern.compile("Tag\\.\\d+\\.(Key|Value)");
    private final InstanceQueries instances;

    public AliyunRedisDescriber(InstanceQueries instances) {
        this.instances = instances;
    }

    Map<String, Object> describeInstanceAttribute(Call call) {
        String id = call.params().text("InstanceId");
        Instance i = instances.visible(call.tenant(), Product.ALIYUN_REDIS, null, id);
        return Map.of("Instances", Map.of("DBInstanceAttribute", List.of(InstanceView.attribute(i))));
    }

    Map<String, Object> describeInstances(Call call) {
        Params p = call.params();
        int pageNumber = (int) p.integer("PageNumber", 1);
        int pageSize = (int) p.integer("PageSize", 10);
        List<Instance> matching = instances.list(call.tenant(), Product.ALIYUN_REDIS).stream()
                .filter(i -> matches(i, call.region(), p))
                .toList();
        var page = matching.stream()
                .skip((long) (pageNumber - 1) * pageSize)
                .limit(pageSize)
                .map(InstanceView::listItem)
                .toList();
        return Map.of("PageNumber", pageNumber, "PageSize", pageSize, "TotalCount", matching.size(),
                "Instances", Map.of("KVStoreInstance", page));
    }

    private static boolean matches(Instance i, String regionId, Params p) {
        if (regionId != null && !regionId.isEmpty() && !regionId.equals(i.region())) return false;
        if (filtersByTag(p)) return false;
        if (p.given("InstanceIds") && !ids(p.text("InstanceIds")).contains(i.id())) return false;
        if (p.given("SearchKey") && !contains(i.id(), p.text("SearchKey")) && !contains(i.name(), p.text("SearchKey"))) {
            return false;
        }
        return equal(p, "InstanceStatus", i, InstanceView::status)
                && equal(p, "InstanceType", i, x -> InstanceView.ENGINE)
                && equal(p, "EngineVersion", i, InstanceView::engineVersion)
                && equal(p, "ArchitectureType", i, x -> InstanceView.ARCHITECTURE)
                && equal(p, "ChargeType", i, x -> InstanceView.CHARGE_TYPE)
                && equal(p, "NetworkType", i, x -> InstanceView.NETWORK_TYPE)
                && equal(p, "EditionType", i, x -> InstanceView.EDITION)
                && equal(p, "PrivateIp", i, Instance::host);
    }

    /** An absent or empty filter matches everything; values compare ignoring case, as the console does. */
    private static boolean equal(Params p, String name, Instance i, Function<Instance, String> shown) {
        return !p.given(name) || p.text(name).equalsIgnoreCase(shown.apply(i));
    }

    /** True when the call filters by tags ({@code Tag.1.Key=...}); Rekey's instances carry none. */
    private static boolean filtersByTag(Params p) {
        return p.sent().stream().anyMatch(k -> TAG.matcher(k).matches());
    }

    private static Set<String> ids(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).collect(Collectors.toSet());
    }

    private static boolean contains(String value, String key) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(key.toLowerCase(Locale.ROOT));
    }
}
