package dev.rekey.api.tencent;

import dev.rekey.api.Call;
import dev.rekey.api.Created;
import dev.rekey.api.Params;
import dev.rekey.core.Instance;
import dev.rekey.core.InstanceQueries;
import dev.rekey.core.Product;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Redis DescribeInstances: the tenant's instances in the region, filtered and paged as the API documents. */
public final class TencentRedisDescriber {
    private final InstanceQueries instances;

    public TencentRedisDescriber(InstanceQueries instances) {
        this.instances = instances;
    }

    Map<String, Object> describeInstances(Call call) {
        Params p = call.params();
        long limit = p.integer("Limit", 20);
        long offset = p.integer("Offset", 0);
        if (limit < 0 || limit > 1000) {
            throw TencentRefusals.of("InvalidParameter.InvalidParameter", "Limit must be between 0 and 1000");
        }
        if (offset < 0) throw TencentRefusals.of("InvalidParameter.InvalidParameter", "Offset must not be negative");
        List<Instance> matching = new ArrayList<>();
        for (Instance i : instances.list(call.tenant(), Product.TENCENT_REDIS)) {
            if (i.region().equals(call.region()) && matches(i, p)) matching.add(i);
        }
        var set = matching.stream().skip(offset).limit(limit).map(TencentRedisDescriber::render).toList();
        return Map.of("TotalCount", matching.size(), "InstanceSet", set);
    }

    private static boolean matches(Instance i, Params p) {
        String id = p.text("InstanceId");
        if (id != null && !id.isEmpty() && !id.equals(i.id())) return false;
        List<String> ids = p.texts("InstanceIds");
        if (!ids.isEmpty() && !ids.contains(i.id())) return false;
        String name = p.text("InstanceName");
        if (name != null && !name.isEmpty() && !name.equals(i.name())) return false;
        String key = p.text("SearchKey");
        if (key != null && !key.isEmpty() && !contains(i.id(), key) && !contains(i.name(), key)) return false;
        List<Long> status = p.integers("Status");
        return status.isEmpty() || status.contains((long) status(i));
    }

    private static boolean contains(String value, String key) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(key.toLowerCase(Locale.ROOT));
    }

    /** 1 = in a flow (a change is applying), 2 = running. */
    static int status(Instance i) {
        return i.changing() ? 1 : 2;
    }

    private static Map<String, Object> render(Instance i) {
        boolean free = i.passwordFree();
        var m = new LinkedHashMap<String, Object>();
        m.put("InstanceName", i.name() == null ? "" : i.name());
        m.put("InstanceId", i.id());
        m.put("Appid", 0);
        m.put("ProjectId", 0);
        m.put("Status", status(i));
        m.put("SubStatus", 0);
        m.put("WanIp", i.host() == null ? "" : i.host());
        m.put("Port", i.port());
        m.put("Region", i.region());
        m.put("Engine", "Redis");
        m.put("ProductType", "standalone");
        m.put("Type", 6);
        m.put("Size", 1024.0);
        m.put("NoAuth", free);
        m.put("PasswordFree", free ? 1 : 0);
        m.put("BillingMode", 0);
        m.put("CurrentRedisVersion", i.engineVersion() == null ? "" : i.engineVersion());
        m.put("Createtime", Created.local(i));
        return m;
    }
}
