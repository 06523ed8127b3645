package dev.rekey.api;

/** A route bound to the handler object the composition root built for its product. */
public record Route(RouteSpec<?> spec, Handler handler) {

    @FunctionalInterface
    public interface Handler {
        Answer handle(Call call);
    }
}
