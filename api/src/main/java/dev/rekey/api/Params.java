package dev.rekey.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A call's parameters once its route's schema has checked them: text as String, booleans as Boolean, integers as
 * Long, arrays as lists, {@link Param.Type#ANY} as sent. Absent parameters are absent. Reading a name the schema does
 * not declare, or as another type, is a bug in the handler and fails loudly.
 */
public final class Params {
    private final Map<String, Param> schema;
    private final Map<String, Object> values;
    private final Set<String> sent;

    /** {@code values} already checked by the cloud's parser; {@code sent}: every name the request carried. */
    public Params(List<Param> schema, Map<String, Object> values, Set<String> sent) {
        var byName = new LinkedHashMap<String, Param>();
        schema.forEach(p -> byName.put(p.name(), p));
        this.schema = byName;
        this.values = Map.copyOf(values);
        this.sent = Set.copyOf(sent);
    }

    /** Null when absent; possibly empty unless the schema requires it. */
    public String text(String name) {
        return (String) value(name, Param.Type.TEXT);
    }

    /** True when the text is there and not empty. */
    public boolean given(String name) {
        String v = text(name);
        return v != null && !v.isEmpty();
    }

    public Boolean bool(String name) {
        return (Boolean) value(name, Param.Type.BOOLEAN);
    }

    public boolean bool(String name, boolean absent) {
        Boolean v = bool(name);
        return v == null ? absent : v;
    }

    public Long integer(String name) {
        return (Long) value(name, Param.Type.INTEGER);
    }

    public long integer(String name, long absent) {
        Long v = integer(name);
        return v == null ? absent : v;
    }

    @SuppressWarnings("unchecked")
    public List<String> texts(String name) {
        Object v = value(name, Param.Type.TEXTS);
        return v == null ? List.of() : (List<String>) v;
    }

    @SuppressWarnings("unchecked")
    public List<Long> integers(String name) {
        Object v = value(name, Param.Type.INTEGERS);
        return v == null ? List.of() : (List<Long>) v;
    }

    public Object any(String name) {
        return value(name, Param.Type.ANY);
    }

    /** True when the parameter was sent with a value (of any type the schema allows). */
    public boolean has(String name) {
        declared(name);
        return values.get(name) != null;
    }

    /** Every name the request carried, declared or not (Aliyun ignores the others, and reads Tag.N.Key by pattern). */
    public Set<String> sent() {
        return sent;
    }

    private Object value(String name, Param.Type type) {
        Param p = declared(name);
        if (p.type() != type) throw new IllegalStateException(name + " is declared " + p.type() + ", read as " + type);
        return values.get(name);
    }

    private Param declared(String name) {
        Param p = schema.get(name);
        if (p == null) throw new IllegalStateException("the route's schema does not declare " + name);
        return p;
    }
}
