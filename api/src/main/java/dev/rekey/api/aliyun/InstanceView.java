package dev.rekey.api.aliyun;

import dev.rekey.core.Instance;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An instance as the R-kvstore describe actions show it, typed as the SDK models are (Port a number,
 * InstanceReleaseProtection a boolean). Only what Rekey knows is shown: the engine's real address and version, the
 * name, state and flags; capacity, QPS, bandwidth, VPC and zone are left out rather than invented.
 */
final class InstanceView {
    static final String ENGINE = "Redis";
    static final String ARCHITECTURE = "standard";
    static final String CHARGE_TYPE = "PostPaid";
    static final String NETWORK_TYPE = "CLASSIC";
    static final String EDITION = "Community";
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private InstanceView() {
    }

    static String status(Instance i) {
        return i.changing() ? "Changing" : "Normal";
    }

    /** "7.0" for a 7.0.15 engine: R-kvstore names major.minor versions. */
    static String engineVersion(Instance i) {
        String full = i.engineVersion() == null ? "" : i.engineVersion();
        String[] parts = full.split("\\.");
        return parts.length >= 2 ? parts[0] + "." + parts[1] : full;
    }

    /** One {@code DBInstanceAttribute} of DescribeInstanceAttribute. */
    static Map<String, Object> attribute(Instance i) {
        var m = common(i);
        m.put("Engine", ENGINE);
        m.put("HasRenewChangeOrder", "false");
        m.put("IsOrderCompleted", true);
        m.put("VpcAuthMode", i.passwordFree() ? "Close" : "Open");
        m.put("Tags", Map.of("Tag", List.of()));
        return m;
    }

    /** One {@code KVStoreInstance} of DescribeInstances. */
    static Map<String, Object> listItem(Instance i) {
        var m = common(i);
        m.put("EditionType", EDITION);
        m.put("HasRenewChangeOrder", false);
        m.put("UserName", i.id());
        m.put("Tags", Map.of("Tag", List.of()));
        return m;
    }

    private static LinkedHashMap<String, Object> common(Instance i) {
        var m = new LinkedHashMap<String, Object>();
        m.put("InstanceId", i.id());
        m.put("InstanceName", i.name() == null ? "" : i.name());
        m.put("InstanceStatus", status(i));
        m.put("InstanceReleaseProtection", i.releaseProtection());
        m.put("RegionId", i.region());
        m.put("ConnectionDomain", i.host() == null ? "" : i.host());
        m.put("PrivateIp", i.host() == null ? "" : i.host());
        m.put("Port", (long) i.port());
        m.put("InstanceType", ENGINE);
        m.put("EngineVersion", engineVersion(i));
        m.put("ArchitectureType", ARCHITECTURE);
        m.put("NodeType", "single");
        m.put("ChargeType", CHARGE_TYPE);
        m.put("NetworkType", NETWORK_TYPE);
        m.put("IsRds", true);
        m.put("CreateTime", UTC.format(i.createdAt()));
        return m;
    }

}
