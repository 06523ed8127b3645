package dev.rekey.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;

/** The one HTTP port of Rekey: every method and path goes to the {@link Gateway}, as raw bytes. */
public final class HttpServer implements AutoCloseable {
    private final Javalin app;

    private HttpServer(Javalin app) {
        this.app = app;
    }

    public static HttpServer start(Gateway gateway, String bind, int port) {
        Javalin app = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = 10L * 1024 * 1024;
            for (HandlerType type : List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.DELETE, HandlerType.PATCH)) {
                config.routes.addHttpHandler(type, "/", ctx -> serve(gateway, ctx));
                config.routes.addHttpHandler(type, "/*", ctx -> serve(gateway, ctx));
            }
        });
        app.start(bind, port);
        return new HttpServer(app);
    }

    private static void serve(Gateway gateway, Context ctx) {
        var headers = new LinkedHashMap<String, List<String>>();
        for (String name : Collections.list(ctx.req().getHeaderNames())) {
            headers.put(name, new ArrayList<>(Collections.list(ctx.req().getHeaders(name))));
        }
        RawRequest request = new RawRequest(ctx.method().name(), ctx.path(), ctx.queryString(), headers, ctx.bodyAsBytes());
        HttpAnswer answer = gateway.handle(request);
        ctx.status(answer.status());
        ctx.contentType(answer.contentType());
        answer.headers().forEach(ctx::header);
        ctx.result(answer.body());
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
