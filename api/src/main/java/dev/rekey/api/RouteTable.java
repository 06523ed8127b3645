package dev.rekey.api;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A product's route table: every constant of its route enum, bound to the product's handler. */
public final class RouteTable {
    private final List<Route> routes;

    private RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    /** Binds each route of {@code specs} to {@code handler}, the object whose methods the routes name. */
    public static <H, S extends Enum<S> & RouteSpec<H>> RouteTable of(Class<S> specs, H handler) {
        return new RouteTable(Arrays.stream(specs.getEnumConstants())
                .map(spec -> new Route(spec, call -> spec.serve(handler, call)))
                .toList());
    }

    public List<Route> routes() {
        return routes;
    }

    /** The route of an action name exactly as sent (names are case-sensitive on every cloud). */
    public Optional<Route> byAction(String action) {
        return routes.stream().filter(r -> r.spec().action().equals(action)).findFirst();
    }

    public Route bySpec(RouteSpec<?> spec) {
        return routes.stream().filter(r -> r.spec() == spec).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no route " + spec + " in this table"));
    }

    /** "A, B, C and D": the actions, for a message that says what is served. */
    public String actionNames() {
        List<String> names = routes.stream().map(r -> r.spec().action()).distinct().toList();
        if (names.size() == 1) return names.getFirst();
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast();
    }
}
