package dev.rekey.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line per HTTP request on the logger {@value #NAME}: its facts as key-value pairs (separate fields in JSON lines)
 * and as {@code key=value} text in the message. Absent facts are left out. Never a header, a parameter value or a
 * body: those carry signatures and passwords.
 */
final class AccessLog {
    static final String NAME = "dev.rekey.access";
    private static final Logger LOG = LoggerFactory.getLogger(NAME);

    private AccessLog() {
    }

    static void write(Access access, int status, long latencyMs) {
        if (!LOG.isInfoEnabled()) return;
        LoggingEventBuilder event = LOG.atInfo();
        var text = new StringBuilder();
        fields(access, status, latencyMs).forEach((key, value) -> {
            event.addKeyValue(key, value);
            if (!text.isEmpty()) text.append(' ');
            text.append(key).append('=').append(value);
        });
        event.log(text.toString());
    }

    static Map<String, Object> fields(Access access, int status, long latencyMs) {
        var fields = new LinkedHashMap<String, Object>();
        put(fields, "request_id", access.requestId());
        put(fields, "cloud", access.cloud());
        put(fields, "action", access.action());
        put(fields, "tenant", access.tenant());
        put(fields, "instance", access.instance());
        fields.put("status", status);
        put(fields, "error_code", access.errorCode());
        fields.put("latency_ms", latencyMs);
        return fields;
    }

    private static void put(Map<String, Object> fields, String key, String value) {
        if (value != null) fields.put(key, value);
    }
}
