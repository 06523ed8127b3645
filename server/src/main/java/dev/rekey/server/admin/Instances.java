package dev.rekey.server.admin;

import dev.rekey.core.Instance;
import dev.rekey.core.Lockout;
import dev.rekey.core.Product;
import dev.rekey.server.ConfigException;
import dev.rekey.server.EngineHealth;
import dev.rekey.server.Fleet;
import dev.rekey.server.InstanceJson;
import dev.rekey.server.RekeyConfig;
import dev.rekey.store.JdbcCatalog;
import dev.rekey.store.JdbcInstanceStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/instances}: register (the body is an {@code instances} entry of the configuration, as JSON), bulk
 * import, show, change and retire. An instance shows its source ({@code config} or {@code api}), its engine's address
 * and reachability, whether an operation holds it, its lockout and its latest operation.
 */
final class Instances {
    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1000;
    private final JdbcInstanceStore instances;
    private final JdbcCatalog catalog;
    private final InstanceJson json;
    private final Fleet fleet;
    private final EngineHealth health;
    private final AdminAudit audit;
    private final Clock clock;
    private final String node;

    Instances(JdbcInstanceStore instances, JdbcCatalog catalog, InstanceJson json, Fleet fleet, EngineHealth health,
              AdminAudit audit, Clock clock, String node) {
        this.instances = instances;
        this.catalog = catalog;
        this.json = json;
        this.fleet = fleet;
        this.health = health;
        this.audit = audit;
        this.clock = clock;
        this.node = node;
    }

    List<Route> routes() {
        return List.of(
                Route.get("/api/instances", this::list),
                Route.post("/api/instances", "admin.instance.register", this::register),
                Route.post("/api/instances/import", "admin.instance.import", this::importAll),
                Route.get("/api/instances/{id}", this::show),
                Route.put("/api/instances/{id}", "admin.instance.update", this::update),
                Route.delete("/api/instances/{id}", "admin.instance.retire", this::retire));
    }

    private Reply list(Call call) {
        int limit = Params.limit(call, DEFAULT_PAGE, MAX_PAGE);
        Product product = call.query("product") == null ? null : product(call.query("product"));
        String source = call.query("source");
        if (source != null && !source.equals("config") && !source.equals("api")) {
            throw ApiError.badRequest("source", "must be config or api");
        }
        boolean retired = Params.bool(call, "retired");
        List<Instance> page = instances.page(call.query("tenant"), product, source, retired, call.query("after"), limit);
        Map<String, Lockout> lockouts = instances.lockouts();
        long now = clock.millis();
        var items = page.stream().map(i -> Views.instance(i, null, lockouts.getOrDefault(i.id(), Lockout.NONE), health,
                node, now)).toList();
        return Reply.ok(new Views.Page<>(items, page.size() == limit ? page.get(page.size() - 1).id() : null));
    }

    private Reply show(Call call) {
        return Reply.ok(view(found(call.path("id"))));
    }

    private Reply register(Call call) {
        RekeyConfig.InstanceConfig ic = bind(() -> json.one(call.body()));
        refusals(() -> fleet.register(List.of(ic), true));
        Instance i = found(ic.id());
        audit.ok(call, "admin.instance.register", i.tenant(), i.id(), "registered " + i.product().key() + " instance "
                + i.id() + " (" + i.engineKind().name().toLowerCase(java.util.Locale.ROOT) + " engine)");
        return Reply.created(view(i));
    }

    private Reply importAll(Call call) {
        List<RekeyConfig.InstanceConfig> entries = bind(() -> json.many(call.body()));
        if (entries.isEmpty()) throw ApiError.badRequest(null, "no instances in the body");
        List<String> ids = refusals(() -> fleet.register(entries, false));
        var touched = new ArrayList<String[]>();
        entries.forEach(ic -> touched.add(new String[]{ic.tenant(), ic.id()}));
        audit.okEach(call, "admin.instance.register", touched, "registered by a bulk import of " + entries.size());
        return Reply.created(new Views.Registered(ids.size(), ids));
    }

    private Reply update(Call call) {
        String id = call.path("id");
        found(id);
        RekeyConfig.InstanceConfig ic = bind(() -> json.one(call.body(), id));
        refusals(() -> {
            fleet.update(id, ic);
            return null;
        });
        Instance i = found(id);
        audit.ok(call, "admin.instance.update", i.tenant(), id, "updated instance " + id);
        return Reply.ok(view(i));
    }

    private Reply retire(Call call) {
        String id = call.path("id");
        Instance before = found(id);
        refusals(() -> {
            fleet.retire(id);
            return null;
        });
        audit.ok(call, "admin.instance.retire", before.tenant(), id, "retired instance " + id + ", history kept");
        return Reply.ok(view(found(id)));
    }

    private Views.InstanceView view(Instance i) {
        return Views.instance(i, catalog.engineConfig(i.id()), instances.lockout(i.id()), health, node, clock.millis());
    }

    private Instance found(String id) {
        return instances.find(id).orElseThrow(() -> ApiError.notFound("no instance " + id));
    }

    private static Product product(String key) {
        try {
            return Product.fromKey(key);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("product", "must be one of tencent-redis, tencent-cvm, aliyun-redis, huawei-dcs");
        }
    }

    private static <T> T bind(java.util.function.Supplier<T> binding) {
        try {
            return binding.get();
        } catch (ConfigException e) {
            String where = e.line() == null ? "" : " (line " + e.line() + ")";
            throw ApiError.badRequest(e.path(), (e.path() == null ? "" : e.path()) + where
                    + (e.path() == null && where.isEmpty() ? "" : ": ") + e.problem());
        }
    }

    private static <T> T refusals(java.util.function.Supplier<T> change) {
        try {
            return change.get();
        } catch (Fleet.Refused r) {
            throw switch (r.kind()) {
                case NOT_FOUND -> ApiError.notFound(r.getMessage());
                case CONFLICT -> ApiError.conflict(r.field(), r.getMessage());
                case INVALID -> ApiError.badRequest(r.field(), r.field() + ": " + r.getMessage());
                case UNAVAILABLE -> new ApiError(422, "engine-unavailable", r.field(), r.getMessage());
            };
        }
    }
}
