package dev.rekey.api.tencent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed access to a call's parameters with Tencent's shape errors. JSON bodies carry native types; GET and legacy
 * form calls carry strings, so numbers and booleans are also accepted in their text form.
 */
public final class TencentParams {
    private final Map<String, Object> values;

    public TencentParams(Map<String, Object> values) {
        this.values = values;
    }

    /** Refuses parameters the action does not define, as the real API does. */
    public void onlyKnown(Set<String> known) {
        var unknown = new TreeSet<String>();
        for (String name : values.keySet()) if (!known.contains(name)) unknown.add(name);
        if (!unknown.isEmpty()) {
            throw new TencentError("UnknownParameter", "the parameter " + String.join(", ", unknown) + " is not defined for this action");
        }
    }

    public boolean has(String name) {
        return values.get(name) != null;
    }

    public String requiredString(String name) {
        String v = optionalString(name);
        if (v == null) throw new TencentError("MissingParameter", "the request is missing the required parameter " + name);
        if (v.isEmpty()) throw new TencentError("InvalidParameter.EmptyParam", "the parameter " + name + " must not be empty");
        return v;
    }

    public String optionalString(String name) {
        Object v = values.get(name);
        if (v == null) return null;
        if (v instanceof String s) return s;
        throw new TencentError("InvalidParameter", "the parameter " + name + " must be a string");
    }

    public boolean optionalBoolean(String name, boolean fallback) {
        Object v = values.get(name);
        if (v == null) return fallback;
        if (v instanceof Boolean b) return b;
        if ("true".equals(v)) return true;
        if ("false".equals(v)) return false;
        throw new TencentError("InvalidParameter", "the parameter " + name + " must be a boolean (true or false)");
    }

    public Long optionalLong(String name) {
        Object v = values.get(name);
        if (v == null) return null;
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) return n.longValue();
        if (v instanceof String s) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new TencentError("InvalidParameter", "the parameter " + name + " must be an integer");
    }

    public long requiredLong(String name) {
        Long v = optionalLong(name);
        if (v == null) throw new TencentError("MissingParameter", "the request is missing the required parameter " + name);
        return v;
    }

    public List<String> stringList(String name) {
        Object v = values.get(name);
        if (v == null) return List.of();
        if (!(v instanceof List<?> list)) throw new TencentError("InvalidParameter", "the parameter " + name + " must be an array of strings");
        var out = new ArrayList<String>();
        for (Object item : list) {
            if (!(item instanceof String s)) throw new TencentError("InvalidParameter", "the parameter " + name + " must be an array of strings");
            out.add(s);
        }
        return out;
    }

    public List<Long> longList(String name) {
        Object v = values.get(name);
        if (v == null) return List.of();
        if (!(v instanceof List<?> list)) throw new TencentError("InvalidParameter", "the parameter " + name + " must be an array of integers");
        var out = new ArrayList<Long>();
        for (int i = 0; i < list.size(); i++) {
            out.add(new TencentParams(Map.of(name, list.get(i))).optionalLong(name));
        }
        return out;
    }

    /** Raw value, for structured parameters such as CVM Filters. */
    public Object raw(String name) {
        return values.get(name);
    }
}
