package dev.rekey.api.aliyun;

import dev.rekey.core.Instance;
import dev.rekey.core.InstanceQueries;
import dev.rekey.core.Product;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * DescribeInstanceAttribute (one instance, any region: ids are global) and DescribeInstances (the tenant's instances,
 * in the region when RegionId is given, filtered and paged). Filters on fields Rekey does not model (VpcId, ZoneId,
 * ResourceGroupId, ...) are ignored; a tag filter matches nothing, since instances carry no tags.
 */
final class AliyunRedisDescriber {
    private final InstanceQueries instances;

    AliyunRedisDescriber(InstanceQueries instances) {
        this.instances = instances;
    }

    Map<String, Object> describeInstanceAttribute(AliyunRequest r) {
        String id = r.params().required("InstanceId");
        Instance i = instances.visible(r.tenant(), Product.ALIYUN_REDIS, null, id);
        return Map.of("Instances", Map.of("DBInstanceAttribute", List.of(InstanceView.attribute(i))));
    }

    Map<String, Object> describeInstances(AliyunRequest r) {
        CallParams p = r.params();
        int pageNumber = p.optionalInt("PageNumber", 1, 1, Integer.MAX_VALUE);
        int pageSize = p.optionalInt("PageSize", 10, 1, 50);
        List<Instance> matching = instances.list(r.tenant(), Product.ALIYUN_REDIS).stream()
                .filter(i -> matches(i, r.regionId(), p))
                .toList();
        var page = matching.stream()
                .skip((long) (pageNumber - 1) * pageSize)
                .limit(pageSize)
                .map(InstanceView::listItem)
                .toList();
        return Map.of("PageNumber", pageNumber, "PageSize", pageSize, "TotalCount", matching.size(),
                "Instances", Map.of("KVStoreInstance", page));
    }

    private static boolean matches(Instance i, String regionId, CallParams p) {
        if (regionId != null && !regionId.isEmpty() && !regionId.equals(i.region())) return false;
        if (p.filtersByTag()) return false;
        if (p.given("InstanceIds") && !ids(p.optional("InstanceIds")).contains(i.id())) return false;
        if (p.given("SearchKey") && !contains(i.id(), p.optional("SearchKey")) && !contains(i.name(), p.optional("SearchKey"))) {
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
    private static boolean equal(CallParams p, String name, Instance i, Function<Instance, String> shown) {
        return !p.given(name) || p.optional(name).equalsIgnoreCase(shown.apply(i));
    }

    private static Set<String> ids(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).collect(Collectors.toSet());
    }

    private static boolean contains(String value, String key) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(key.toLowerCase(Locale.ROOT));
    }
}
