package dev.rekey.api.huawei;

import dev.rekey.api.Answer;
import dev.rekey.api.Call;
import dev.rekey.api.Mode;
import dev.rekey.api.Param;
import dev.rekey.api.RateLimit;
import dev.rekey.api.Refusal;
import dev.rekey.api.RouteSpec;
import dev.rekey.core.Failure;
import dev.rekey.core.Product;

import java.util.Arrays;
import java.util.List;

import static dev.rekey.api.Param.bool;
import static dev.rekey.api.Param.integer;
import static dev.rekey.api.Param.text;

/**
 * Huawei Cloud DCS: the route table, each route a method and a path template (protocol notes §1). Path variables,
 * the query of a GET and the JSON body of a PUT or POST are the parameters. Every API has its own per-tenant budget
 * ({@code limits: huawei-dcs: <API>}, default 20 per second); the v2 and v1.0 password changes share one, as they
 * share the API name. The password APIs answer once the engine has verified the change.
 */
public enum DcsRoute implements RouteSpec<DcsActions> {
    UPDATE_PASSWORD("v2", "UpdatePassword", "PUT", "/v2/{project_id}/instances/{instance_id}/password",
            Schemas.CHANGE, Mode.SYNC, true, DcsActions::updatePassword),
    RESET_PASSWORD("v2", "ResetPassword", "POST", "/v2/{project_id}/instances/{instance_id}/password/reset",
            List.of(Schemas.INSTANCE, bool("no_password_access"), text("new_password")), Mode.SYNC, true,
            DcsActions::resetPassword),
    SHOW_INSTANCE("v2", "ShowInstance", "GET", "/v2/{project_id}/instances/{instance_id}", List.of(Schemas.INSTANCE),
            Mode.SYNC, false, DcsActions::showInstance),
    LIST_INSTANCES("v2", "ListInstances", "GET", "/v2/{project_id}/instances", List.of(
            integer("offset").between(0, Integer.MAX_VALUE), integer("limit").between(1, DcsDescriber.MAX_LIMIT),
            text("instance_id"), text("name"), text("name_equal"), text("status"), text("tags"), text("ip")),
            Mode.SYNC, false, DcsActions::listInstances),
    /** The v1.0 password API (seed 004): the v2 change with the v1.0 rules, its errors in the v1.0 shape. */
    UPDATE_PASSWORD_V1("v1.0", "UpdatePassword", "PUT", "/v1.0/{project_id}/instances/{instance_id}/password",
            Schemas.CHANGE, Mode.SYNC, true, DcsActions::updatePasswordV1);

    private final String version;
    private final String action;
    private final String method;
    private final String path;
    private final List<Param> schema;
    private final Mode mode;
    private final boolean mutates;
    private final Method<DcsActions> handler;

    DcsRoute(String version, String action, String method, String path, List<Param> schema, Mode mode,
             boolean mutates, Method<DcsActions> handler) {
        this.version = version;
        this.action = action;
        this.method = method;
        this.path = path;
        this.schema = schema;
        this.mode = mode;
        this.mutates = mutates;
        this.handler = handler;
    }

    private static final class Schemas {
        static final Param INSTANCE = text("instance_id").required();
        /** A password is "present": an empty one is the policy's to refuse (DCS.4019), not a missing one. */
        static final List<Param> CHANGE = List.of(INSTANCE, text("old_password").present(), text("new_password").present());
    }

    /** The route a request's method and path ask for; 404 DCS.4001 for a path no route has, 405 DCS.5001 for another method. */
    static DcsPath match(String method, String requestPath) {
        List<String> segments = segments(requestPath);
        DcsRoute samePath = null;
        for (DcsRoute route : values()) {
            List<String> template = segments(route.path);
            if (!matches(template, segments)) continue;
            if (route.method.equals(method)) return DcsPath.of(route, template, segments);
            if (samePath == null) samePath = route;
        }
        if (samePath != null) throw HuaweiRefusals.dcs("DCS.5001", "This path takes " + samePath.method + ".");
        throw HuaweiRefusals.dcs("DCS.4001", "Rekey serves, under /v2/{project_id}/instances: GET (list), GET"
                + " /{instance_id}, PUT /{instance_id}/password, POST /{instance_id}/password/reset; and PUT"
                + " /v1.0/{project_id}/instances/{instance_id}/password.");
    }

    private static boolean matches(List<String> template, List<String> segments) {
        if (template.size() != segments.size()) return false;
        for (int i = 0; i < template.size(); i++) {
            if (!template.get(i).startsWith("{") && !template.get(i).equals(segments.get(i))) return false;
        }
        return true;
    }

    /** Path segments without the leading empty one; trailing empty ones are dropped as the signer drops them. */
    static List<String> segments(String path) {
        if (path == null || !path.startsWith("/")) return List.of();
        return Arrays.asList(path.substring(1).split("/"));
    }

    public String method() {
        return method;
    }

    /** The path template, e.g. {@code /v2/{project_id}/instances/{instance_id}}. */
    public String path() {
        return path;
    }

    @Override
    public Product product() {
        return Product.HUAWEI_DCS;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public String action() {
        return action;
    }

    @Override
    public List<Param> schema() {
        return schema;
    }

    @Override
    public RateLimit rateLimit() {
        return RateLimit.perAction(Product.HUAWEI_DCS, action, DcsLockout.DEFAULT_PER_SECOND);
    }

    @Override
    public Mode mode() {
        return mode;
    }

    @Override
    public boolean mutates() {
        return mutates;
    }

    @Override
    public Answer serve(DcsActions actions, Call call) {
        return handler.serve(actions, call);
    }

    @Override
    public Refusal refusal(Failure failure) {
        return DcsFailures.of(failure);
    }
}
