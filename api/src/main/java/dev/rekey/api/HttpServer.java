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
    /** The largest body read: Tencent's documented TC3 limit, the largest of the three clouds' requests. */
    public static final long MAX_BODY_BYTES = 10L * 1024 * 1024;
    /**
     * An oversized body up to this size is read and discarded before the answer, so that the client, still sending,
     * reads the cloud's error rather than a reset connection; beyond it the connection is simply answered and closed.
     */
    private static final long DRAIN_BYTES = 64L * 1024 * 1024;
    /** A request attribute: set once the request's access line is written, so that it is written only once. */
    private static final String LOGGED = "rekey.access-logged";
    private final Javalin app;

    private HttpServer(Javalin app) {
        this.app = app;
    }

    public static HttpServer start(Gateway gateway, String bind, int port) {
        return start(gateway, bind, port, AccessObserver.NONE);
    }

    /** {@code observer} is told about every request answered, with the facts of its access line. */
    public static HttpServer start(Gateway gateway, String bind, int port, AccessObserver observer) {
        Javalin app = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            // Javalin calls this after every request, once the answer is sent: the access line of a request that
            // never reached serve (a method with no route, a failure before the gateway answered)
            config.requestLogger.http((ctx, ms) -> {
                if (ctx.attribute(LOGGED) == null) {
                    AccessLog.write(Access.UNCLASSIFIED, ctx.statusCode(), Math.round(ms));
                    observer.observed(Access.UNCLASSIFIED, ctx.statusCode(), Math.round(ms * 1_000_000));
                }
            });
            config.http.maxRequestSize = MAX_BODY_BYTES;
            // Tencent documents GET requests of up to 32 KB of query; Jetty's default header limit is 8 KB
            config.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(64 * 1024));
            for (HandlerType type : List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.DELETE, HandlerType.PATCH)) {
                config.routes.addHttpHandler(type, "/", ctx -> serve(gateway, observer, ctx));
                config.routes.addHttpHandler(type, "/*", ctx -> serve(gateway, observer, ctx));
            }
        });
        app.start(bind, port);
        return new HttpServer(app);
    }

    private static void serve(Gateway gateway, AccessObserver observer, Context ctx) {
        long started = System.nanoTime();
        var headers = new LinkedHashMap<String, List<String>>();
        for (String name : Collections.list(ctx.req().getHeaderNames())) {
            headers.put(name, new ArrayList<>(Collections.list(ctx.req().getHeaders(name))));
        }
        HttpAnswer answer;
        long length = ctx.req().getContentLengthLong();
        if (length > MAX_BODY_BYTES) {
            if (length <= DRAIN_BYTES) drain(ctx);
            answer = gateway.tooLarge(new RawRequest(ctx.method().name(), ctx.path(), ctx.queryString(), headers, null), MAX_BODY_BYTES);
        } else {
            answer = gateway.handle(new RawRequest(ctx.method().name(), ctx.path(), ctx.queryString(), headers, ctx.bodyAsBytes()));
        }
        // written before the answer is sent, so that a client holding the answer finds its line in the log
        long latency = System.nanoTime() - started;
        AccessLog.write(answer.access(), answer.status(), latency / 1_000_000);
        observer.observed(answer.access(), answer.status(), latency);
        ctx.attribute(LOGGED, true);
        ctx.status(answer.status());
        ctx.contentType(answer.contentType());
        answer.headers().forEach(ctx::header);
        ctx.result(answer.body());
    }

    private static void drain(Context ctx) {
        try (var in = ctx.req().getInputStream()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (java.io.IOException e) {
            // the client gave up sending; the answer below is all that is left to do
        }
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
