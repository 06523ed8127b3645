package dev.rekey.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parser of the Prometheus text exposition format (0.0.4) for tests: {@code # HELP} and {@code # TYPE} lines, and
 * samples {@code name{label="value",...} value [timestamp]} with the format's escapes in label values ({@code \\},
 * {@code \"}, {@code \n}). A line that does not follow the format fails the parse, naming the line.
 */
final class PrometheusText {
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;
    private final Map<String, String> types;

    private PrometheusText(List<Sample> samples, Map<String, String> types) {
        this.samples = samples;
        this.types = types;
    }

    static PrometheusText parse(String text) {
        var samples = new ArrayList<Sample>();
        var types = new LinkedHashMap<String, String>();
        String[] lines = text.split("\n");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            if (line.isBlank()) continue;
            try {
                if (line.startsWith("# TYPE ")) {
                    String[] parts = line.substring(7).split(" ");
                    if (parts.length != 2 || !List.of("counter", "gauge", "histogram", "summary", "untyped").contains(parts[1])) {
                        throw new IllegalArgumentException("bad TYPE");
                    }
                    types.put(parts[0], parts[1]);
                } else if (!line.startsWith("#")) {
                    samples.add(sample(line));
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + (n + 1) + " is not Prometheus text (" + e.getMessage() + "): " + line, e);
            }
        }
        return new PrometheusText(samples, types);
    }

    private static Sample sample(String line) {
        int i = 0;
        while (i < line.length() && (Character.isLetterOrDigit(line.charAt(i)) || line.charAt(i) == '_' || line.charAt(i) == ':')) i++;
        String name = line.substring(0, i);
        if (name.isEmpty() || Character.isDigit(name.charAt(0))) throw new IllegalArgumentException("no metric name");
        var labels = new LinkedHashMap<String, String>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                String label = line.substring(i, eq).strip();
                if (line.charAt(eq + 1) != '"') throw new IllegalArgumentException("a label value must be quoted");
                var value = new StringBuilder();
                int j = eq + 2;
                for (; line.charAt(j) != '"'; j++) {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char next = line.charAt(++j);
                        value.append(switch (next) {
                            case 'n' -> '\n';
                            case '\\' -> '\\';
                            case '"' -> '"';
                            default -> throw new IllegalArgumentException("bad escape \\" + next);
                        });
                    } else {
                        value.append(c);
                    }
                }
                labels.put(label, value.toString());
                i = j + 1;
                if (line.charAt(i) == ',') i++;
            }
            i++;
        }
        String[] rest = line.substring(i).strip().split(" +");
        if (rest.length < 1 || rest.length > 2 || rest[0].isEmpty()) throw new IllegalArgumentException("no value");
        return new Sample(name, labels, value(rest[0]));
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    List<Sample> samples() {
        return samples;
    }

    Optional<String> type(String family) {
        return Optional.ofNullable(types.get(family));
    }

    /** The samples of {@code name} whose labels include all of {@code labels}. */
    List<Sample> find(String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name)
                && labels.entrySet().stream().allMatch(e -> e.getValue().equals(s.labels().get(e.getKey())))).toList();
    }

    /** The sum of the values of {@link #find}; 0 when none matches. */
    double sum(String name, Map<String, String> labels) {
        return find(name, labels).stream().mapToDouble(Sample::value).sum();
    }
}
