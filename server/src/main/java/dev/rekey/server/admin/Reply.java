package dev.rekey.server.admin;

/**
 * A resource's answer: a status and a JSON body (a view record), or {@link #STREAMED} when the resource wrote the
 * answer itself (JSON lines, server-sent events).
 */
record Reply(int status, Object body) {
    static final Reply STREAMED = new Reply(0, null);

    static Reply ok(Object body) {
        return new Reply(200, body);
    }

    static Reply created(Object body) {
        return new Reply(201, body);
    }
}
