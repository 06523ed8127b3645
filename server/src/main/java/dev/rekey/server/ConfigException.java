package dev.rekey.server;

/** A configuration file that cannot be applied; the message names the key and the line. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
