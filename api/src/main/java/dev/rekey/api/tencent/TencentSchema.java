package dev.rekey.api.tencent;

import dev.rekey.api.Param;
import dev.rekey.api.Params;
import dev.rekey.api.Refusal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks a call's parameters against its route's schema with Tencent's shape errors: a parameter the action does not
 * define is {@code UnknownParameter}, as the real API answers; a missing one {@code MissingParameter}; an empty
 * required one {@code InvalidParameter.EmptyParam}; a wrong type {@code InvalidParameter}. JSON bodies carry native
 * types; GET and legacy form calls carry strings, so numbers and booleans are also accepted in their text form.
 */
final class TencentSchema {
    private TencentSchema() {
    }

    static Params check(List<Param> schema, Map<String, Object> values) {
        refuseUnknown(schema, values.keySet());
        var checked = new LinkedHashMap<String, Object>();
        for (Param p : schema) {
            Object value = checked(p, values.get(p.name()));
            if (value != null) checked.put(p.name(), value);
        }
        return new Params(schema, checked, values.keySet());
    }

    private static void refuseUnknown(List<Param> schema, Set<String> sent) {
        Set<String> known = schema.stream().map(Param::name).collect(Collectors.toSet());
        var unknown = new TreeSet<String>();
        for (String name : sent) if (!known.contains(name)) unknown.add(name);
        if (!unknown.isEmpty()) {
            throw TencentRefusals.of("UnknownParameter", "the parameter " + String.join(", ", unknown)
                    + " is not defined for this action");
        }
    }

    private static Object checked(Param p, Object raw) {
        if (raw == null) {
            if (p.presence() == Param.Presence.OPTIONAL) return null;
            throw missing(p);
        }
        Object value = switch (p.type()) {
            case TEXT -> text(p, raw);
            case BOOLEAN -> bool(p, raw);
            case INTEGER -> integer(p, raw);
            case TEXTS -> texts(p, raw);
            case INTEGERS -> integers(p, raw);
            case ANY -> raw;
        };
        if (p.presence() == Param.Presence.REQUIRED && "".equals(value)) throw TencentRefusals.emptyParameter(p.name());
        if (p.presence() == Param.Presence.REQUIRED && value instanceof List<?> list && list.isEmpty()) throw missing(p);
        return value;
    }

    private static Refusal missing(Param p) {
        if (p.hint() == null) return TencentRefusals.missingParameter(p.name());
        return TencentRefusals.of(TencentRefusals.MISSING_PARAMETER, "the request is missing the required parameter "
                + p.name() + " (" + p.hint() + ")");
    }

    private static String text(Param p, Object raw) {
        if (raw instanceof String s) return s;
        throw TencentRefusals.invalidParameter("the parameter " + p.name() + " must be a string");
    }

    private static Boolean bool(Param p, Object raw) {
        if (raw instanceof Boolean b) return b;
        if ("true".equals(raw)) return true;
        if ("false".equals(raw)) return false;
        throw TencentRefusals.invalidParameter("the parameter " + p.name() + " must be a boolean (true or false)");
    }

    private static Long integer(Param p, Object raw) {
        if (raw instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) return n.longValue();
        if (raw instanceof String s) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                // answered below
            }
        }
        throw TencentRefusals.invalidParameter("the parameter " + p.name() + " must be an integer");
    }

    private static List<String> texts(Param p, Object raw) {
        var out = new ArrayList<String>();
        if (raw instanceof List<?> list) {
            for (Object item : list) {
                if (!(item instanceof String s)) break;
                out.add(s);
            }
            if (out.size() == list.size()) return List.copyOf(out);
        }
        throw TencentRefusals.invalidParameter("the parameter " + p.name() + " must be an array of strings");
    }

    private static List<Long> integers(Param p, Object raw) {
        if (!(raw instanceof List<?> list) || list.contains(null)) {
            throw TencentRefusals.invalidParameter("the parameter " + p.name() + " must be an array of integers");
        }
        var out = new ArrayList<Long>();
        for (Object item : list) out.add(integer(p, item));
        return List.copyOf(out);
    }
}
