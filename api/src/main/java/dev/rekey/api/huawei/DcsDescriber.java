package dev.rekey.api.huawei;

import dev.rekey.api.Created;
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
final class DcsDescriber {
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 1000;
    private final InstanceQueries instances;

    DcsDescriber(InstanceQueries instances) {
        this.instances = instances;
    }

    Map<String, Object> show(DcsCall call) {
        Instance i = instances.visible(call.tenant(), Product.HUAWEI_DCS, null, call.route().instanceId());
        Map<String, Object> out = common(i);
        out.put("update_at", Created.local(i));
        out.put("available_zones", List.of());
        out.put("cache_mode", "single");
        out.put("product_type", "generic");
        out.put("storage_type", "DRAM");
        out.put("transparent_client_ip_enable", false);
        return out;
    }

    Map<String, Object> list(DcsCall call) {
        ListQuery q = ListQuery.parse(call.raw().rawQuery());
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

        static ListQuery parse(String rawQuery) {
            Map<String, String> p = new LinkedHashMap<>();
            if (rawQuery != null && !rawQuery.isEmpty()) {
                for (String part : rawQuery.split("&")) {
                    if (part.isEmpty()) continue;
                    int eq = part.indexOf('=');
                    p.putIfAbsent(UriEncoding.decode(eq < 0 ? part : part.substring(0, eq)),
                            eq < 0 ? "" : UriEncoding.decode(part.substring(eq + 1)));
                }
            }
            return new ListQuery(blankToNull(p.get("instance_id")), blankToNull(p.get("name")),
                    "true".equalsIgnoreCase(p.get("name_equal")), blankToNull(p.get("status")), blankToNull(p.get("tags")),
                    blankToNull(p.get("ip")), integer(p, "offset", 0, 0, Integer.MAX_VALUE),
                    integer(p, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT));
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

        private static String blankToNull(String s) {
            return s == null || s.isEmpty() ? null : s;
        }

        private static int integer(Map<String, String> p, String name, int fallback, int min, int max) {
            String v = p.get(name);
            if (v == null || v.isEmpty()) return fallback;
            try {
                int n = Integer.parseInt(v);
                if (n >= min && n <= max) return n;
            } catch (NumberFormatException e) {
                // falls through to the refusal
            }
            throw new DcsRefusal("DCS.4062", name, name + " must be an integer from " + min + " to " + max + ".");
        }
    }
}
