package dev.rekey.server;

/** A configuration file that cannot be applied; the message names the key and the line. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    /** "instances[0].regoin (line 12): unknown key ..."; a problem of the whole file reads "line 12: ...". */
    static ConfigException at(String path, Integer line, String message) {
        String where = line == null ? path : path.isEmpty() ? "line " + line : path + " (line " + line + ")";
        return new ConfigException((where.isEmpty() ? "the configuration" : where) + ": " + message);
    }
}
