package dev.rekey.server.admin;

import dev.rekey.core.Operation;
import dev.rekey.core.OperationKind;
import dev.rekey.core.OperationState;
import dev.rekey.store.JdbcOperationStore;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code /api/operations}: every change, reset, stop and start as the operation table holds it (state, lease owner and
 * epoch, result message, error code, proof). Follow one: long-poll ({@code ?wait=SECONDS} answers once it has ended,
 * or at the end of the wait), or server-sent events ({@code /events}: one {@code operation} event at once and at
 * every change, until it ends).
 */
final class Operations {
    static final int MAX_WAIT_SECONDS = 60;
    /** How long an event stream follows an operation that does not end (a client reconnects to go on). */
    static final Duration MAX_FOLLOW = Duration.ofMinutes(10);
    private static final long POLL_NANOS = Duration.ofMillis(100).toNanos();
    private final JdbcOperationStore operations;

    Operations(JdbcOperationStore operations) {
        this.operations = operations;
    }

    List<Route> routes() {
        return List.of(
                Route.get("/api/operations", this::list),
                Route.get("/api/operations/{id}", this::show),
                Route.get("/api/operations/{id}/events", this::events));
    }

    private Reply list(Call call) {
        int limit = Params.limit(call, Instances.DEFAULT_PAGE, Instances.MAX_PAGE);
        var filter = new JdbcOperationStore.Filter(call.query("instance"), call.query("tenant"),
                choice(call, "kind", OperationKind.class), choice(call, "state", OperationState.class),
                call.query("action"), Params.id(call, "before"));
        List<Operation> page = operations.query(filter, limit);
        return Reply.ok(new Views.Page<>(page.stream().map(Views.OperationView::of).toList(),
                page.size() == limit ? Long.toString(page.get(page.size() - 1).id()) : null));
    }

    private Reply show(Call call) throws InterruptedException {
        long id = id(call);
        Operation op = found(id);
        String wait = call.query("wait");
        if (wait != null) {
            int seconds = waitSeconds(wait);
            long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            while (!op.state().finished() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(POLL_NANOS);
                if (Thread.interrupted()) throw new InterruptedException();
                op = found(id);
            }
        }
        return Reply.ok(Views.OperationView.of(op));
    }

    private Reply events(Call call) throws IOException {
        long id = id(call);
        Operation op = found(id);
        try (OutputStream out = call.stream("text/event-stream")) {
            long deadline = System.nanoTime() + MAX_FOLLOW.toNanos();
            Views.OperationView last = null;
            while (true) {
                var view = Views.OperationView.of(op);
                if (!Objects.equals(view, last)) {
                    send(out, "operation", Json.write(view));
                    last = view;
                }
                if (op.state().finished()) {
                    send(out, "end", Json.write(view));
                    break;
                }
                if (System.nanoTime() > deadline) break;
                LockSupport.parkNanos(POLL_NANOS);
                if (Thread.interrupted()) break;
                op = found(id);
            }
        }
        return Reply.STREAMED;
    }

    private static void send(OutputStream out, String event, String data) throws IOException {
        out.write(("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private Operation found(long id) {
        return operations.find(id).orElseThrow(() -> ApiError.notFound("no operation " + id));
    }

    private static long id(Call call) {
        try {
            return Long.parseLong(call.path("id"));
        } catch (NumberFormatException e) {
            throw ApiError.notFound("no operation " + call.path("id"));
        }
    }

    private static int waitSeconds(String wait) {
        try {
            int n = Integer.parseInt(wait);
            if (n >= 0 && n <= MAX_WAIT_SECONDS) return n;
        } catch (NumberFormatException e) {
            // said below
        }
        throw ApiError.badRequest("wait", "must be a whole number of seconds from 0 to " + MAX_WAIT_SECONDS);
    }

    static <E extends Enum<E>> E choice(Call call, String name, Class<E> type) {
        String v = call.query(name);
        if (v == null) return null;
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(Locale.ROOT).equals(v.toLowerCase(Locale.ROOT))) return e;
        }
        var all = new StringBuilder();
        for (E e : type.getEnumConstants()) all.append(all.isEmpty() ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT));
        throw ApiError.badRequest(name, "must be one of " + all);
    }
}
