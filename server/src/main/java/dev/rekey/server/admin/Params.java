package dev.rekey.server.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Query parameters read strictly: a bad value is a 400 that names the parameter. */
final class Params {
    private static final Pattern AGO = Pattern.compile("(\\d{1,9})(s|m|h|d)");

    private Params() {
    }

    static int limit(Call call, int dflt, int max) {
        String v = call.query("limit");
        if (v == null) return dflt;
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= max) return n;
        } catch (NumberFormatException e) {
            // said below
        }
        throw ApiError.badRequest("limit", "must be a whole number from 1 to " + max);
    }

    static Long id(Call call, String name) {
        String v = call.query(name);
        if (v == null) return null;
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(name, "must be an operation or record id (a whole number)");
        }
    }

    static boolean bool(Call call, String name) {
        String v = call.query(name);
        if (v == null || v.equals("false")) return false;
        if (v.equals("true")) return true;
        throw ApiError.badRequest(name, "must be true or false");
    }

    /** A time: ISO-8601 ({@code 2026-12-04T10:00:00Z}), or how long ago ({@code 90s}, {@code 15m}, {@code 1h}, {@code 2d}). */
    static Instant time(Call call, String name, Clock clock) {
        String v = call.query(name);
        if (v == null) return null;
        Matcher m = AGO.matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return clock.instant().minus(d);
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest(name, "must be an ISO-8601 time (2026-12-04T10:00:00Z) or a time ago (90s, 15m, 1h, 2d)");
        }
    }
}
