package dev.rekey.api.tencent;

import dev.rekey.api.Refusal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Rebuilds the nested parameters the SDKs flatten into a query or form ({@code Filters.0.Values.1=x}: dotted paths,
 * 0-based list indices) as nested Map and List with String leaves.
 */
final class Unflattener {
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern INDEX = Pattern.compile("0|[1-9][0-9]{0,5}");

    /** A node while the tree is built; whether it is a list is decided once all its children are known. */
    private static final class Branch {
        final Map<String, Object> children = new LinkedHashMap<>();
    }

    private Unflattener() {
    }

    static Map<String, Object> unflatten(List<Map.Entry<String, String>> pairs) {
        var root = new Branch();
        for (Map.Entry<String, String> pair : pairs) put(root, pair.getKey(), pair.getValue());
        var result = new LinkedHashMap<String, Object>();
        root.children.forEach((name, child) -> result.put(name, shape(child, name)));
        return Collections.unmodifiableMap(result);
    }

    private static void put(Branch root, String name, String value) {
        String[] path = name.split("\\.", -1);
        for (String segment : path) {
            if (segment.isEmpty()) throw invalid("The parameter name '" + name + "' has an empty part between dots.");
        }
        Branch node = root;
        for (int i = 0; i < path.length - 1; i++) {
            Object child = node.children.computeIfAbsent(path[i], k -> new Branch());
            if (!(child instanceof Branch branch)) throw bothValueAndContainer(path, i);
            node = branch;
        }
        String last = path[path.length - 1];
        Object existing = node.children.putIfAbsent(last, value);
        if (existing instanceof Branch) throw bothValueAndContainer(path, path.length - 1);
        if (existing != null) throw invalid("The parameter " + name + " is given more than once; expected it once.");
    }

    private static Object shape(Object node, String name) {
        if (!(node instanceof Branch branch)) return node;
        long numeric = branch.children.keySet().stream().filter(k -> DIGITS.matcher(k).matches()).count();
        if (numeric == 0) {
            var map = new LinkedHashMap<String, Object>();
            branch.children.forEach((key, child) -> map.put(key, shape(child, name + "." + key)));
            return Collections.unmodifiableMap(map);
        }
        if (numeric < branch.children.size()) {
            throw invalid("The parameter " + name + " has both numbered and named members; expected either a list"
                    + " (" + name + ".0, " + name + ".1, ...) or an object (" + name + ".Name, ...).");
        }
        return list(branch, name);
    }

    private static List<Object> list(Branch branch, String name) {
        var byIndex = new TreeMap<Integer, Object>();
        branch.children.forEach((key, child) -> {
            if (!INDEX.matcher(key).matches()) {
                throw invalid("The list index " + name + "." + key + " is not valid; expected 0, 1, 2, ... without"
                        + " leading zeros.");
            }
            byIndex.put(Integer.parseInt(key), shape(child, name + "." + key));
        });
        if (byIndex.lastKey() != byIndex.size() - 1) {
            throw invalid("The list " + name + " has indices " + byIndex.keySet() + "; expected 0 to "
                    + (byIndex.size() - 1) + " without gaps (lists are 0-based).");
        }
        return Collections.unmodifiableList(new ArrayList<>(byIndex.values()));
    }

    private static Refusal bothValueAndContainer(String[] path, int depth) {
        String prefix = String.join(".", List.of(path).subList(0, depth + 1));
        return invalid("The parameter " + prefix + " is given both as a value and as a list or object; expected one.");
    }

    private static Refusal invalid(String message) {
        return TencentRefusals.invalidParameter(message);
    }
}
