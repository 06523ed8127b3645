package dev.rekey.api;

/**
 * One parameter of a route's schema: its wire name, its type, whether it must be there, and for integers the range
 * the wire allows. Each cloud's parser checks a request against the schema with that cloud's own error codes, before
 * the handler reads anything; a handler can read only what its schema declares.
 */
public record Param(String name, Type type, Presence presence, long min, long max, String hint) {

    public enum Type {
        TEXT, BOOLEAN, INTEGER,
        /** An array of strings. */
        TEXTS,
        /** An array of integers. */
        INTEGERS,
        /** Any value, taken as sent: a structure the handler checks itself (CVM Filters), or one Rekey ignores. */
        ANY
    }

    public enum Presence {
        /** Present and not empty. */
        REQUIRED,
        /** Present; an empty value is the handler's to judge (a password the core's policy refuses, say). */
        PRESENT,
        OPTIONAL
    }

    public static Param text(String name) {
        return new Param(name, Type.TEXT, Presence.OPTIONAL, Long.MIN_VALUE, Long.MAX_VALUE, null);
    }

    public static Param bool(String name) {
        return new Param(name, Type.BOOLEAN, Presence.OPTIONAL, Long.MIN_VALUE, Long.MAX_VALUE, null);
    }

    public static Param integer(String name) {
        return new Param(name, Type.INTEGER, Presence.OPTIONAL, Long.MIN_VALUE, Long.MAX_VALUE, null);
    }

    public static Param texts(String name) {
        return new Param(name, Type.TEXTS, Presence.OPTIONAL, Long.MIN_VALUE, Long.MAX_VALUE, null);
    }

    public static Param integers(String name) {
        return new Param(name, Type.INTEGERS, Presence.OPTIONAL, Long.MIN_VALUE, Long.MAX_VALUE, null);
    }

    public static Param any(String name) {
        return new Param(name, Type.ANY, Presence.OPTIONAL, Long.MIN_VALUE, Long.MAX_VALUE, null);
    }

    public Param required() {
        return new Param(name, type, Presence.REQUIRED, min, max, hint);
    }

    /** Required, with what a missing-parameter message adds, e.g. "1 to 100 instance ids". */
    public Param required(String what) {
        return new Param(name, type, Presence.REQUIRED, min, max, what);
    }

    public Param present() {
        return new Param(name, type, Presence.PRESENT, min, max, hint);
    }

    public Param between(long low, long high) {
        return new Param(name, type, presence, low, high, hint);
    }

    public boolean inRange(long value) {
        return value >= min && value <= max;
    }

    /** As docs/coverage.md shows it: {@code InstanceId (text, required)}, {@code limit (integer 1..1000)}. */
    public String describe() {
        String kind = switch (type) {
            case TEXT -> "text";
            case BOOLEAN -> "boolean";
            case INTEGER -> "integer";
            case TEXTS -> "list of text";
            case INTEGERS -> "list of integer";
            case ANY -> "any";
        };
        String range = min == Long.MIN_VALUE && max == Long.MAX_VALUE ? ""
                : " " + min + ".." + (max >= Integer.MAX_VALUE ? "" : max);
        String needed = presence == Presence.OPTIONAL ? "" : ", " + presence.name().toLowerCase(java.util.Locale.ROOT);
        return name + " (" + kind + range + needed + ")";
    }
}
