package dev.rekey.server.admin;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The admin port: serves exactly the routes of {@link AdminRoutes} (anything else is a JSON 404 {@code no-route}, or
 * 405 when the path exists with another method), checks the bearer token where a route needs it, gives each request an
 * id ({@value #REQUEST_ID} header, error bodies, audit, log), audits each change (carried out or refused) and each
 * request without a valid token, and writes one access line per request on {@code dev.rekey.admin.access}.
 */
public final class AdminServer implements AutoCloseable {
    static final String REQUEST_ID = "X-Rekey-Request-Id";
    /** A bulk import of thousands of instances fits easily. */
    static final long MAX_BODY_BYTES = 32L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("dev.rekey.admin.access");
    private final Javalin app;

    private AdminServer(Javalin app) {
        this.app = app;
    }

    public static AdminServer start(AdminRoutes admin, String bind, int port) {
        List<Route> routes = admin.routes();
        Javalin app = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = MAX_BODY_BYTES;
            for (Route r : routes) {
                config.routes.addHttpHandler(type(r.method()), javalinPath(r.path()), ctx -> serve(admin, r, ctx));
            }
            for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH")) {
                config.routes.addHttpHandler(type(method), "/*", ctx -> noRoute(admin, routes, ctx));
            }
        });
        app.start(bind, port);
        return new AdminServer(app);
    }

    /** OpenAPI writes {@code {id}}, and so does Javalin (one segment; its {@code <id>} would match slashes too). */
    private static String javalinPath(String path) {
        return path;
    }

    private static HandlerType type(String method) {
        return switch (method) {
            case "GET" -> HandlerType.GET;
            case "POST" -> HandlerType.POST;
            case "PUT" -> HandlerType.PUT;
            case "DELETE" -> HandlerType.DELETE;
            case "PATCH" -> HandlerType.PATCH;
            default -> throw new IllegalArgumentException("no such method: " + method);
        };
    }

    public int port() {
        return app.port();
    }

    /**
     * The routes the HTTP server really serves, as its router holds them ({@code GET /api/instances/{id}}), the
     * catch-all that answers {@code no-route} left out.
     */
    public List<String> served() {
        var out = new ArrayList<String>();
        for (var e : app.unsafe.internalRouter.allHttpHandlers()) {
            if (!e.endpoint.path.equals("/*")) out.add(e.endpoint.method.name() + " " + e.endpoint.path);
        }
        return out;
    }

    private static void serve(AdminRoutes admin, Route route, Context ctx) {
        long started = System.nanoTime();
        String requestId = UUID.randomUUID().toString();
        ctx.header(REQUEST_ID, requestId);
        String actor = null;
        Call call = null;
        try {
            if (route.tokenRequired()) actor = authenticate(admin, ctx, requestId);
            call = new Call(ctx, requestId, actor);
            if (ctx.req().getContentLengthLong() > MAX_BODY_BYTES) {
                throw new ApiError(413, "too-large", null, "the body is larger than " + MAX_BODY_BYTES + " bytes");
            }
            Reply reply = route.handler().handle(call);
            if (reply != Reply.STREAMED) answer(ctx, reply.status(), reply.body());
        } catch (ApiError e) {
            if (route.action() != null && call != null) {
                admin.audit().refused(call, route.action(), pathParam(ctx, "tenant"), pathParam(ctx, "id"), e);
            }
            answer(ctx, e.status(), e.body(requestId));
        } catch (Exception e) {
            LOG.error("admin request {} {} failed (request id {})", ctx.method(), ctx.path(), requestId, e);
            var error = new ApiError(500, "internal", null, "internal error; the server log has request id " + requestId);
            answer(ctx, 500, error.body(requestId));
        } finally {
            ACCESS.atInfo().addKeyValue("request_id", requestId).addKeyValue("method", ctx.method().name())
                    .addKeyValue("route", route.path()).addKeyValue("actor", actor).addKeyValue("status", ctx.statusCode())
                    .addKeyValue("latency_ms", (System.nanoTime() - started) / 1_000_000)
                    .log("request_id={} method={} route={} actor={} status={}", requestId, ctx.method().name(), route.path(),
                            actor, ctx.statusCode());
        }
    }

    /** The token's name; a missing or wrong token is audited (never the token itself) and answered 401. */
    private static String authenticate(AdminRoutes admin, Context ctx, String requestId) {
        String header = ctx.header("Authorization");
        String given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
        var name = admin.token().check(given);
        if (name.isPresent()) return name.get();
        String why = given == null ? "no admin token" : "an admin token that is not valid";
        admin.audit().denied(requestId, ctx.ip(), ctx.method().name(), ctx.path(), why);
        ctx.header("WWW-Authenticate", "Bearer realm=\"rekey-admin\"");
        throw new ApiError(401, "unauthorized", null, why + ": send Authorization: Bearer <token> (the token is in "
                + admin.token().file().getFileName() + " in the data folder unless admin-token-file says otherwise)");
    }

    private static void noRoute(AdminRoutes admin, List<Route> routes, Context ctx) {
        String requestId = UUID.randomUUID().toString();
        ctx.header(REQUEST_ID, requestId);
        boolean pathKnown = routes.stream().anyMatch(r -> matches(r.path(), ctx.path()));
        ApiError e = pathKnown
                ? new ApiError(405, "method-not-allowed", null, ctx.method().name() + " is not served on " + ctx.path())
                : new ApiError(404, "no-route", null, "no admin route " + ctx.path() + " (see /openapi.json)");
        answer(ctx, e.status(), e.body(requestId));
        ACCESS.info("request_id={} method={} path-unrouted status={}", requestId, ctx.method().name(), e.status());
    }

    static boolean matches(String template, String path) {
        String[] t = template.split("/", -1);
        String[] p = path.split("/", -1);
        if (t.length != p.length) return false;
        for (int i = 0; i < t.length; i++) {
            if (!(t[i].startsWith("{") && !p[i].isEmpty()) && !t[i].equals(p[i])) return false;
        }
        return true;
    }

    private static String pathParam(Context ctx, String name) {
        return ctx.pathParamMap().get(name);
    }

    private static void answer(Context ctx, int status, Object body) {
        ctx.status(status);
        if (body instanceof AdminRoutes.Raw raw) {
            ctx.contentType(raw.contentType());
            ctx.result(raw.text());
            return;
        }
        ctx.contentType("application/json");
        ctx.result(Json.write(body));
    }

    @Override
    public void close() {
        app.stop();
    }
}
