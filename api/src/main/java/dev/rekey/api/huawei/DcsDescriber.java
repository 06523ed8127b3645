package dev.rekey.api.huawei;

import dev.rekey.api.Call;
import dev.rekey.api.Created;
import dev.rekey.api.Params;
import dev.rekey.core.EngineKind;
import dev.rekey.core.Instance;
import dev.rekey.core.InstanceQueries;
import dev.rekey.core.Product;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ShowInstance and ListInstances (protocol notes §4.4, §4.5): the engine's real address in {@code ip}/{@code port},
 * typed exactly as the SDK models declare (strings stay strings: {@code no_password_access} is "true"/"false").
 */
public final class DcsDescriber {
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 1000;
    private final InstanceQueries instances;

    public DcsDescriber(InstanceQueries instances) {
        this.instances = instances;
    }

    Map<String, Object> show(Call call) {
        Instance i = instances.visible(call.tenant(), Product.HUAWEI_DCS, null, call.params().text("instance_id"));
        Map<String, Object> out = common(i);
        out.put("update_at", Created.local(i));
        out.put("available_zones", List.of());
        out.put("cache_mode", "single");
        out.put("product_type", "generic");
        out.put("storage_type", "DRAM");
        out.put("transparent_client_ip_enable", false);
        return out;
    }

    Map<String, Object> list(Call call) {
        ListQuery q = ListQuery.of(call.params());
        List<Instance> matching = new ArrayList<>();
        for (Instance i : instances.list(call.tenant(), Product.HUAWEI_DCS)) {
            if (q.matches(i.id(), i.name(), STATUS, i.host())) matching.add(i);
        }
        List<Map<String, Object>> page = matching.stream().skip(q.offset()).limit(q.limit()).map(i -> {
            Map<String, Object> m = common(i);
            m.put("updated_at", Created.local(i));
            return m;
        }).toList();
        var out = new LinkedHashMap<String, Object>();
        out.put("instance_num", matching.size());
        out.put("instances", page);
        return out;
    }

    /** A change being applied is not a DCS status of its own: the instance keeps serving, so it stays RUNNING. */
    static final String STATUS = "RUNNING";

    static String engine(EngineKind kind) {
        return kind == EngineKind.MEMCACHED ? "Memcached" : "Redis";
    }

    /** The fields ShowInstance and InstanceListInfo share, with their model types. */
    private static Map<String, Object> common(Instance i) {
        var m = new LinkedHashMap<String, Object>();
        m.put("instance_id", i.id());
        m.put("name", i.name() == null ? i.id() : i.name());
        m.put("engine", engine(i.engineKind()));
        m.put("engine_version", i.engineVersion() == null ? "" : i.engineVersion());
        m.put("status", STATUS);
        m.put("sub_status", "normal");
        m.put("ip", i.host());
        m.put("port", i.port());
        m.put("no_password_access", Boolean.toString(i.passwordFree()));
        m.put("access_user", i.engineKind() == EngineKind.MEMCACHED ? (i.account() == null ? "" : i.account()) : null);
        m.put("user_id", i.tenant());
        m.put("user_name", i.tenant());
        m.put("description", "");
        m.put("created_at", Created.local(i));
        m.put("charging_mode", 0);
        m.put("enable_ssl", false);
        m.put("enable_publicip", false);
        m.put("service_upgrade", false);
        m.put("enterprise_project_id", "0");
        m.put("az_codes", List.of());
        m.put("tags", List.of());
        return m;
    }

    /** ListInstances' filters and paging; filters Rekey has no data for (tags, failed or deleted instances) match nothing extra. */
    record ListQuery(String instanceId, String name, boolean nameEqual, String status, String tags, String ip,
                     int offset, int limit) {

        static ListQuery of(Params p) {
            return new ListQuery(p.text("instance_id"), p.text("name"), "true".equalsIgnoreCase(p.text("name_equal")),
                    p.text("status"), p.text("tags"), p.text("ip"), (int) p.integer("offset", 0),
                    (int) p.integer("limit", DEFAULT_LIMIT));
        }

        boolean matches(String id, String instanceName, String instanceStatus, String host) {
            if (instanceId != null && !instanceId.equals(id)) return false;
            if (name != null && !(nameEqual ? name.equals(instanceName) : contains(instanceName, name))) return false;
            if (status != null && !status.equals(instanceStatus)) return false;
            if (ip != null && !ip.equals(host)) return false;
            return tags == null; // Rekey's instances carry no tags
        }

        private static boolean contains(String value, String part) {
            return value != null && value.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
        }
    }
}
