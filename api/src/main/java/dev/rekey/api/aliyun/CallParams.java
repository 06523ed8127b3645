package dev.rekey.api.aliyun;

import java.util.Map;

/**
 * The API parameters of one call (InstanceId, NewPassword, ...) with the shape checks the wire defines: required,
 * Boolean as {@code true}/{@code false}, integers in a range. Unknown parameters are ignored, as the real service does.
 */
final class CallParams {
    private final Map<String, String> values;

    CallParams(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** The value, or 400 MissingParameter when it is absent or empty. */
    String required(String name) {
        String v = values.get(name);
        if (v == null || v.isEmpty()) throw AliyunError.missing(name);
        return v;
    }

    /** The value as sent (possibly empty), or null when absent. */
    String optional(String name) {
        return values.get(name);
    }

    /** True when the parameter is present and not empty. */
    boolean given(String name) {
        String v = values.get(name);
        return v != null && !v.isEmpty();
    }

    /** Null when absent; {@code true} or {@code false} in any case; anything else is 400 InvalidParameter. */
    Boolean optionalBoolean(String name) {
        String v = values.get(name);
        if (v == null) return null;
        if (v.equalsIgnoreCase("true")) return true;
        if (v.equalsIgnoreCase("false")) return false;
        throw AliyunError.invalid(name, "expected true or false.");
    }

    int optionalInt(String name, int fallback, int min, int max) {
        String v = values.get(name);
        if (v == null || v.isEmpty()) return fallback;
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // answered below
        }
        throw AliyunError.invalid(name, "expected an integer from " + min + " to " + max + ".");
    }

    /** True when the call filters by tags ({@code Tag.1.Key=...}); Rekey's instances carry none. */
    boolean filtersByTag() {
        return values.keySet().stream().anyMatch(k -> k.matches("Tag\\.\\d+\\.(Key|Value)"));
    }
}
