package dev.rekey.api;

import java.util.List;

/**
 * What a request names, as far as it has been read, without refusing anything: the action and instances as sent
 * (for the access line) and the route they point to, if any (for the audit of a request refused before its route
 * was resolved).
 */
public record Subject(String action, List<String> instances, RouteSpec<?> route) {
    public static final Subject NONE = new Subject(null, List.of(), null);

    public Subject {
        instances = List.copyOf(instances);
    }

    /** The instances joined by commas for the access line; null when none. */
    public String instance() {
        return instances.isEmpty() ? null : String.join(",", instances);
    }
}
