package dev.rekey.engines.redis;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The parts of an {@code ACL GETUSER} reply the engine needs. The reply is a flat array of name/value pairs whose
 * order and extra fields vary between Redis versions, so fields are looked up by name and unknown ones are ignored.
 */
public record AclUser(Set<String> flags, Set<String> passwords) {

    public AclUser {
        flags = Set.copyOf(flags);
        passwords = Set.copyOf(passwords);
    }

    public boolean passwordFree() {
        return flags.contains("nopass");
    }

    /** Parses a raw Jedis reply (lists of byte arrays); throws IllegalArgumentException on an unexpected shape. */
    public static AclUser parse(Object reply) {
        if (!(reply instanceof List<?> fields)) {
            throw new IllegalArgumentException("ACL GETUSER reply is not an array but " + describe(reply));
        }
        if (fields.size() % 2 != 0) {
            throw new IllegalArgumentException("ACL GETUSER reply has an odd number of elements: " + fields.size());
        }
        Set<String> flags = null;
        Set<String> passwords = null;
        for (int i = 0; i < fields.size(); i += 2) {
            String name = text(fields.get(i));
            Object value = fields.get(i + 1);
            if (name.equals("flags")) flags = textSet(name, value);
            if (name.equals("passwords")) passwords = textSet(name, value);
        }
        if (flags == null || passwords == null) {
            throw new IllegalArgumentException("ACL GETUSER reply lacks 'flags' or 'passwords'");
        }
        return new AclUser(flags, passwords);
    }

    private static Set<String> textSet(String name, Object value) {
        if (!(value instanceof List<?> items)) {
            throw new IllegalArgumentException("ACL GETUSER field '" + name + "' is not an array but " + describe(value));
        }
        Set<String> result = new LinkedHashSet<>();
        for (Object item : items) result.add(text(item));
        return result;
    }

    private static String text(Object item) {
        if (item instanceof byte[] bytes) return new String(bytes, StandardCharsets.UTF_8);
        if (item instanceof String s) return s;
        throw new IllegalArgumentException("ACL GETUSER reply holds " + describe(item) + " where text was expected");
    }

    private static String describe(Object value) {
        return value == null ? "nil" : value.getClass().getSimpleName();
    }
}
