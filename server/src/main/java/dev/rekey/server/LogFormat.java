package dev.rekey.server;

import java.util.Locale;

/** How log lines are written: a human-readable pattern, or one JSON object per line for log collectors. */
public enum LogFormat {
    TEXT, JSON;

    /** {@code text} or {@code json}, as the YAML key {@code server.log} and {@code --log-format} spell it. */
    public static LogFormat parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException("expected text or json, got '" + name + "'");
        };
    }
}
