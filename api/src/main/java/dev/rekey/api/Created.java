package dev.rekey.api;

import dev.rekey.core.Instance;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** An instance's creation time as the describe actions that show a plain "yyyy-MM-dd HH:mm:ss" print it. */
public final class Created {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private Created() {
    }

    /** In the server's time zone, to the second. */
    public static String local(Instance i) {
        return LOCAL.format(i.createdAt());
    }
}
