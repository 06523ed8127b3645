package dev.rekey.server;

/**
 * A configuration file (or an admin API body, which is bound the same way) that cannot be applied; the message names
 * the key and the line. {@link #path()}, {@link #line()} and {@link #problem()} are the same facts apart, null when
 * the problem is not of one key.
 */
public final class ConfigException extends RuntimeException {
    private final String path;
    private final Integer line;
    private final String problem;

    public ConfigException(String message) {
        this(message, null, null, message);
    }

    private ConfigException(String message, String path, Integer line, String problem) {
        super(message);
        this.path = path;
        this.line = line;
        this.problem = problem;
    }

    /** "instances[0].regoin (line 12): unknown key ..."; a problem of the whole file reads "line 12: ...". */
    static ConfigException at(String path, Integer line, String message) {
        String where = line == null ? path : path.isEmpty() ? "line " + line : path + " (line " + line + ")";
        return new ConfigException((where.isEmpty() ? "the configuration" : where) + ": " + message,
                path.isEmpty() ? null : path, line, message);
    }

    /** The key path ({@code instances[1].engine.port}), or null. */
    public String path() {
        return path;
    }

    /** The line the key is on, or null. */
    public Integer line() {
        return line;
    }

    /** What is wrong, without where. */
    public String problem() {
        return problem;
    }
}
