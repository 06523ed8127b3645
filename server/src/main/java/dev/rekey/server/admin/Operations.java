package dev.rekey.server.admin;

import dev.rekey.core.Operation;
import dev.rekey.core.OperationKind;
import dev.rekey.core.OperationState;
import dev.rekey.core.RotationWindows;
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
    private final RotationWindows windows;
    private final AdminAudit audit;

    Operations(JdbcOperationStore operations, RotationWindows windows, AdminAudit audit) {
        this.operations = operations;
        this.windows = windows;
        this.audit = audit;
    }

    List<Route> routes() {
        return List.of(
                Route.get("/api/operations", this::list),
                Route.get("/api/operations/{id}", this::show),
                Route.get("/api/operations/{id}/events", this::events),
                Route.get("/api/operations/{id}/old-password-use", this::oldPasswordUse),
                Route.post("/api/operations/{id}/finish-window", "admin.window.finish", this::finishWindow),
                Route.post("/api/operations/{id}/roll-back", "admin.window.roll-back", this::rollBack));
    }

    /**
     * During an overlap window: the clients that may still use the old password, where the engine can tell (a Redis
     * deployment: connections opened before the change, logins refused since). 409 when no window is open.
     */
    private Reply oldPasswordUse(Call call) throws Exception {
        long id = id(call);
        found(id);
        var use = windows.oldPasswordUse(id).orElseThrow(() -> ApiError.conflict(null,
                "operation " + id + " has no open overlap window whose engine this node can read"));
        return Reply.ok(new Views.PasswordUseView(Views.time(use.at()), use.connectionsFromBeforeTheChange(),
                use.refusedLogins(), use.nodes().stream().map(n -> new Views.NodeUseView(n.address(),
                n.openedBeforeChange(), n.openedSinceChange(), n.refusedLogins(), n.refusedFrom())).toList()));
    }

    /** Ends the overlap window now: the old password stops working (the worker step that ends it when due does it). */
    private Reply finishWindow(Call call) {
        return endWindow(call, false, "admin.window.finish", "asked to end the overlap window now");
    }

    /** Puts the previous password back everywhere and ends the window; the operation ends FAILED, rolled back. */
    private Reply rollBack(Call call) {
        return endWindow(call, true, "admin.window.roll-back", "asked to roll back within the overlap window");
    }

    private Reply endWindow(Call call, boolean rollBack, String action, String outcome) {
        long id = id(call);
        Operation op = found(id);
        boolean done = rollBack ? windows.rollBack(id) : windows.finishEarly(id);
        if (!done) throw ApiError.conflict(null, "operation " + id + " has no open overlap window");
        audit.ok(call, action, op.tenant(), op.instanceId(), "operation " + id + ": " + outcome);
        return Reply.ok(Views.OperationView.of(found(id)));
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
