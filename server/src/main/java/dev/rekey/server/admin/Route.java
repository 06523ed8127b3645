package dev.rekey.server.admin;

/**
 * One route of the admin API: method, path template ({@code {id}} for a path parameter, as OpenAPI writes it),
 * whether it needs the token, the action name the audit records for it (null: a read, not audited), and its handler. {@link AdminRoutes} lists them all; the server serves exactly these and
 * the OpenAPI document describes exactly these (a test holds the two together).
 */
record Route(String method, String path, boolean tokenRequired, String action, Handler handler) {

    @FunctionalInterface
    interface Handler {
        Reply handle(Call call) throws Exception;
    }

    static Route get(String path, Handler handler) {
        return new Route("GET", path, true, null, handler);
    }

    static Route post(String path, String action, Handler handler) {
        return new Route("POST", path, true, action, handler);
    }

    static Route put(String path, String action, Handler handler) {
        return new Route("PUT", path, true, action, handler);
    }

    static Route delete(String path, String action, Handler handler) {
        return new Route("DELETE", path, true, action, handler);
    }

    static Route open(String path, Handler handler) {
        return new Route("GET", path, false, null, handler);
    }
}
