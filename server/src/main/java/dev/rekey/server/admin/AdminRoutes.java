package dev.rekey.server.admin;

import dev.rekey.core.RotationWindows;
import dev.rekey.server.EngineHealth;
import dev.rekey.server.Fleet;
import dev.rekey.server.InstanceJson;
import dev.rekey.store.JdbcAuditLog;
import dev.rekey.store.JdbcCatalog;
import dev.rekey.store.JdbcInstanceStore;
import dev.rekey.store.JdbcKeyRing;
import dev.rekey.store.JdbcOperationStore;
import dev.rekey.store.JdbcTenants;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Every route of the admin port, in one table: the OpenAPI document and the metrics (no token), and the resources
 * under {@code /api/} (token required).
 */
public final class AdminRoutes {
    private final AdminToken token;
    private final AdminAudit audit;
    private final List<Route> routes = new ArrayList<>();

    /** What the resources read and change; {@code metrics} renders the Prometheus text at each scrape. */
    public record Parts(JdbcTenants tenants, JdbcKeyRing keys, JdbcInstanceStore instances, JdbcCatalog catalog,
                        JdbcOperationStore operations, JdbcAuditLog audit, InstanceJson instanceJson, Fleet fleet,
                        EngineHealth health, Supplier<String> metrics, Clock clock, String node, RotationWindows windows) {
    }

    public AdminRoutes(AdminToken token, Parts p) {
        this.token = token;
        this.audit = new AdminAudit(p.audit(), p.clock());
        String openApi = openApi();
        routes.add(Route.open("/openapi.json", call -> new Reply(200, new Raw("application/json", openApi))));
        routes.add(Route.open("/metrics", call -> new Reply(200, new Raw("text/plain; version=0.0.4; charset=utf-8",
                p.metrics().get()))));
        routes.addAll(new Tenants(p.tenants(), p.keys(), audit).routes());
        routes.addAll(new Instances(p.instances(), p.catalog(), p.instanceJson(), p.fleet(), p.health(), audit, p.clock(),
                p.node()).routes());
        routes.addAll(new Operations(p.operations(), p.windows(), audit).routes());
        routes.addAll(new Audit(p.audit(), p.clock()).routes());
    }

    /** A body that is already text of its own type (the OpenAPI document, the metrics). */
    record Raw(String contentType, String text) {
    }

    List<Route> routes() {
        return List.copyOf(routes);
    }

    AdminToken token() {
        return token;
    }

    AdminAudit audit() {
        return audit;
    }

    static String openApi() {
        try (InputStream in = AdminRoutes.class.getResourceAsStream("openapi.json")) {
            if (in == null) throw new IllegalStateException("openapi.json is missing from the build");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("openapi.json cannot be read", e);
        }
    }
}
