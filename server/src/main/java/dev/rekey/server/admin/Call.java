package dev.rekey.server.admin;

import io.javalin.http.Context;

import java.io.IOException;
import java.io.OutputStream;

/**
 * One admin request as a resource sees it: who made it (the token's name), from where, under which request id, and
 * its parameters. A resource answers with a {@link Reply} or throws an {@link ApiError}.
 */
final class Call {
    private final Context ctx;
    private final String requestId;
    private final String actor;

    Call(Context ctx, String requestId, String actor) {
        this.ctx = ctx;
        this.requestId = requestId;
        this.actor = actor;
    }

    String requestId() {
        return requestId;
    }

    /** The token's name ({@code admin} unless the token file names it). */
    String actor() {
        return actor;
    }

    String sourceAddress() {
        return ctx.ip();
    }

    String path(String name) {
        return ctx.pathParam(name);
    }

    /** A query parameter, null when absent or empty. */
    String query(String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isEmpty() ? null : v;
    }

    String body() {
        return ctx.body();
    }

    String contentType() {
        return ctx.contentType();
    }

    /** Starts a streamed answer (JSON lines, server-sent events): the status and type are sent with the first bytes. */
    OutputStream stream(String contentType) throws IOException {
        ctx.status(200);
        ctx.res().setContentType(contentType);
        ctx.res().setHeader("Cache-Control", "no-store");
        ctx.res().setHeader(AdminServer.REQUEST_ID, requestId);
        return ctx.res().getOutputStream();
    }
}
