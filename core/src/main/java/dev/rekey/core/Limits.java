package dev.rekey.core;

import java.util.Map;

/**
 * The configuration's {@code limits} section: per product, named values (requests per second of an API, lock
 * minutes, ...). Absent values fall back to the documented defaults each caller passes.
 */
public record Limits(Map<String, Map<String, Integer>> values) {

    public Limits {
        values = Map.copyOf(values);
    }

    public static Limits defaults() {
        return new Limits(Map.of());
    }

    public int get(Product product, String name, int documentedDefault) {
        return values.getOrDefault(product.key(), Map.of()).getOrDefault(name, documentedDefault);
    }
}
