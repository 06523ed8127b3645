package dev.rekey.api.tencent;

import dev.rekey.api.Refusal;
import dev.rekey.core.CvmInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One DescribeInstances filter: a name and up to five values, any of which may match. Rekey evaluates the names its
 * model has; documented names for things it does not model (VPCs, IP addresses, tags, hosts) match no instance,
 * which is true of every Rekey instance. Creation-time filters and unknown names are refused.
 */
record CvmFilter(String name, List<String> values) {
    private static final int MAX_FILTERS = 10;
    private static final int MAX_VALUES = 5;
    private static final Set<String> EVALUATED = Set.of("instance-id", "instance-name", "instance-state", "zone",
            "project-id", "instance-charge-type", "uuid");
    private static final Set<String> NOTHING_HAS = Set.of("host-id", "dedicated-cluster-id", "vpc-id", "subnet-id",
            "security-group-id", "private-ip-address", "public-ip-address", "ipv6-address", "tag-key", "tag-value");

    static List<CvmFilter> read(Object raw) {
        if (raw == null) return List.of();
        if (!(raw instanceof List<?> list)) throw shape();
        if (list.size() > MAX_FILTERS) {
            throw TencentRefusals.of("InvalidParameterValue.LimitExceeded", "Filters has " + list.size()
                    + " filters; at most " + MAX_FILTERS + " are allowed");
        }
        var out = new ArrayList<CvmFilter>();
        for (Object item : list) out.add(one(item));
        return out;
    }

    private static CvmFilter one(Object item) {
        if (!(item instanceof Map<?, ?> map) || !(map.get("Name") instanceof String name)) throw shape();
        var values = new ArrayList<String>();
        if (!(map.get("Values") instanceof List<?> list)) throw shape();
        for (Object v : list) {
            if (!(v instanceof String s)) throw shape();
            values.add(s);
        }
        if (values.size() > MAX_VALUES) {
            throw TencentRefusals.of("InvalidFilterValue.LimitExceeded", "the filter " + name + " has " + values.size()
                    + " values; at most " + MAX_VALUES + " are allowed");
        }
        if (!EVALUATED.contains(name) && !NOTHING_HAS.contains(name) && !name.startsWith("tag:")) {
            throw TencentRefusals.of("InvalidFilter", "Rekey does not support the filter " + name + "; supported: "
                    + String.join(", ", EVALUATED.stream().sorted().toList()) + " (and VPC, IP, host and tag filters,"
                    + " which match no Rekey instance)");
        }
        return new CvmFilter(name, values);
    }

    private static Refusal shape() {
        return TencentRefusals.of("InvalidParameter", "Filters must be a list of {Name: string, Values: [string]}");
    }

    boolean matches(CvmInstance c) {
        return values.stream().anyMatch(v -> matches(c, v));
    }

    private boolean matches(CvmInstance c, String value) {
        return switch (name) {
            case "instance-id" -> c.id().equals(value);
            case "instance-name" -> c.instance().name() != null && c.instance().name().toLowerCase(Locale.ROOT)
                    .contains(value.toLowerCase(Locale.ROOT));
            case "instance-state" -> c.state().name().equals(value);
            case "zone" -> TencentCvmDescriber.zone(c.instance()).equals(value);
            case "project-id" -> "0".equals(value);
            case "instance-charge-type" -> "POSTPAID_BY_HOUR".equals(value);
            case "uuid" -> java.util.UUID.nameUUIDFromBytes(c.id().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .toString().equals(value);
            default -> false;
        };
    }
}
