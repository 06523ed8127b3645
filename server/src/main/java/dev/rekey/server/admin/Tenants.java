package dev.rekey.server.admin;

import dev.rekey.core.Cloud;
import dev.rekey.core.Credential;
import dev.rekey.store.JdbcKeyRing;
import dev.rekey.store.JdbcTenants;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code /api/tenants}: tenants and their cloud key pairs. Rekey makes every secret itself and shows it once, in the
 * answer that creates it. A revoked or rotated key stops working on this node at once and on every node within
 * {@link JdbcKeyRing#FRESH}.
 */
final class Tenants {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern PROJECT = Pattern.compile("[0-9a-f]{32}");
    private final JdbcTenants tenants;
    private final JdbcKeyRing keys;
    private final AdminAudit audit;

    Tenants(JdbcTenants tenants, JdbcKeyRing keys, AdminAudit audit) {
        this.tenants = tenants;
        this.keys = keys;
        this.audit = audit;
    }

    record NewTenant(String name) {
    }

    record NewKey(String cloud, String projectId) {
    }

    List<Route> routes() {
        return List.of(
                Route.get("/api/tenants", this::list),
                Route.post("/api/tenants", "admin.tenant.create", this::create),
                Route.get("/api/tenants/{tenant}", this::show),
                Route.post("/api/tenants/{tenant}/keys", "admin.key.create", this::addKey),
                Route.post("/api/tenants/{tenant}/keys/{cloud}/{keyId}/rotate", "admin.key.rotate", this::rotate),
                Route.delete("/api/tenants/{tenant}/keys/{cloud}/{keyId}", "admin.key.revoke", this::revoke));
    }

    private Reply list(Call call) {
        var all = tenants.keys(null);
        return Reply.ok(new Views.Page<>(tenants.all().stream()
                .map(t -> Views.Tenant.of(t, all.stream().filter(k -> k.tenant().equals(t.name())).toList())).toList(), null));
    }

    private Reply show(Call call) {
        JdbcTenants.Tenant t = tenant(call.path("tenant"));
        return Reply.ok(Views.Tenant.of(t, tenants.keys(t.name())));
    }

    private Reply create(Call call) {
        NewTenant body = Json.read(call.body(), NewTenant.class);
        if (body.name() == null) throw ApiError.badRequest("name", "is required");
        if (!NAME.matcher(body.name()).matches()) {
            throw ApiError.badRequest("name", "must be 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (!tenants.create(body.name())) throw ApiError.conflict("name", "a tenant named " + body.name() + " exists already");
        audit.ok(call, "admin.tenant.create", body.name(), null, "created tenant " + body.name());
        return Reply.created(Views.Tenant.of(tenant(body.name()), List.of()));
    }

    private Reply addKey(Call call) {
        JdbcTenants.Tenant t = tenant(call.path("tenant"));
        NewKey body = Json.read(call.body(), NewKey.class);
        if (body.cloud() == null) throw ApiError.badRequest("cloud", "is required (tencent, aliyun or huawei)");
        Cloud cloud = cloud(body.cloud(), "cloud");
        if (body.projectId() != null && (cloud != Cloud.HUAWEI || !PROJECT.matcher(body.projectId()).matches())) {
            throw ApiError.badRequest("project-id", cloud != Cloud.HUAWEI ? "applies only to huawei keys"
                    : "must be 32 lower-case hexadecimal digits");
        }
        Credential key = KeyMaker.make(cloud, t.name(), body.projectId());
        if (!tenants.addKey(key)) throw new ApiError(500, "internal", null, "a generated key id collided; try again");
        keys.refresh();
        audit.ok(call, "admin.key.create", t.name(), null, "created " + Views.cloud(cloud) + " key " + key.keyId());
        return Reply.created(created(key, null));
    }

    private Reply rotate(Call call) {
        JdbcTenants.Tenant t = tenant(call.path("tenant"));
        JdbcTenants.Key old = key(call, t);
        Credential next = KeyMaker.make(old.cloud(), t.name(), old.projectId());
        if (!tenants.rotate(old.cloud(), old.keyId(), next)) {
            throw ApiError.conflict(null, "the key " + old.keyId() + " changed meanwhile; look again");
        }
        keys.refresh();
        audit.ok(call, "admin.key.rotate", t.name(), null, "rotated " + Views.cloud(old.cloud()) + " key " + old.keyId()
                + " to " + next.keyId());
        return Reply.created(created(next, old.keyId()));
    }

    private Reply revoke(Call call) {
        JdbcTenants.Tenant t = tenant(call.path("tenant"));
        JdbcTenants.Key old = key(call, t);
        if (!tenants.revoke(old.cloud(), old.keyId())) throw ApiError.notFound("no " + Views.cloud(old.cloud()) + " key " + old.keyId());
        keys.refresh();
        String note = old.source().equals(JdbcTenants.CONFIG)
                ? "; it is declared in the configuration file and comes back at the next start unless removed there" : "";
        audit.ok(call, "admin.key.revoke", t.name(), null, "revoked " + Views.cloud(old.cloud()) + " key " + old.keyId() + note);
        return Reply.ok(new Revoked(t.name(), Views.cloud(old.cloud()), old.keyId(), old.source(), note.isEmpty() ? null : note.substring(2)));
    }

    record Revoked(String tenant, String cloud, String keyId, String source, String note) {
    }

    /** The answer that shows a key's secret, the only one: it is made here and never read back. */
    private Views.CreatedKey created(Credential key, String revoked) {
        String at = tenants.key(key.cloud(), key.keyId()).map(k -> Views.time(k.createdAt())).orElse(null);
        return new Views.CreatedKey(key.tenant(), Views.cloud(key.cloud()), key.keyId(), key.secret().reveal(),
                key.projectId(), at, revoked);
    }

    private JdbcTenants.Tenant tenant(String name) {
        return tenants.find(name).orElseThrow(() -> ApiError.notFound("no tenant named " + name));
    }

    private JdbcTenants.Key key(Call call, JdbcTenants.Tenant t) {
        Cloud cloud = cloud(call.path("cloud"), "cloud");
        String keyId = call.path("keyId");
        return tenants.key(cloud, keyId).filter(k -> k.tenant().equals(t.name()))
                .orElseThrow(() -> ApiError.notFound("tenant " + t.name() + " has no " + Views.cloud(cloud) + " key " + keyId));
    }

    static Cloud cloud(String text, String field) {
        for (Cloud c : Cloud.values()) {
            if (c.name().toLowerCase(Locale.ROOT).equals(text)) return c;
        }
        throw ApiError.badRequest(field, "must be one of tencent, aliyun, huawei");
    }
}
