package dev.rekey.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every line this JVM logs while it is open, written by Rekey's own logging setup twice: in the text format and in
 * the JSON format. Rekey's loggers are opened down to TRACE, so that a secret in a line no served Rekey prints
 * still shows; libraries keep the levels a served Rekey gives them. Closing puts the default setup back.
 */
public final class LogCapture implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ByteArrayOutputStream text = new ByteArrayOutputStream();
    private final ByteArrayOutputStream json = new ByteArrayOutputStream();

    private LogCapture() {
    }

    public static LogCapture start() {
        var capture = new LogCapture();
        Logging.configure(LogFormat.TEXT, capture.text);
        var context = Logging.context();
        var second = new OutputStreamAppender<ILoggingEvent>();
        second.setContext(context);
        second.setName("json-capture");
        second.setEncoder(Logging.encoder(context, LogFormat.JSON));
        second.setOutputStream(capture.json);
        second.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(second);
        context.getLogger(Logging.REKEY).setLevel(Level.TRACE);
        return capture;
    }

    public List<String> textLines() {
        return lines(text);
    }

    public List<String> jsonLines() {
        return lines(json);
    }

    /** The JSON lines, parsed; fails on a line that is not one JSON object. */
    public List<JsonNode> jsonEvents() {
        var out = new ArrayList<JsonNode>();
        for (String line : jsonLines()) {
            try {
                JsonNode node = JSON.readTree(line);
                if (node == null || !node.isObject()) fail("not a JSON object: " + line);
                out.add(node);
            } catch (java.io.IOException e) {
                throw new UncheckedIOException("not a JSON line: " + line, e);
            }
        }
        return out;
    }

    /** The access lines (logger dev.rekey.access), parsed from the JSON capture. */
    public List<JsonNode> accessEvents() {
        return jsonEvents().stream().filter(e -> e.path("logger_name").asText().equals("dev.rekey.access")).toList();
    }

    /**
     * Fails naming the first secret found in a line, as given or percent-encoded: in a text line as written, in a
     * JSON line as written and in each of its values decoded (a secret with a quote or a backslash is escaped in JSON).
     */
    public void assertNoLineHolds(Collection<String> secrets) {
        var forms = new LinkedHashSet<String>();
        for (String secret : secrets) {
            forms.add(secret);
            forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8)); // as a query or a form carries it
        }
        for (String secret : forms) {
            if (secret.isEmpty()) continue;
            for (String line : textLines()) {
                if (line.contains(secret)) fail("a log line holds " + describe(secret) + ": " + masked(line, secret));
            }
            for (String line : jsonLines()) {
                if (line.contains(secret)) fail("a JSON log line holds " + describe(secret) + ": " + masked(line, secret));
            }
            for (JsonNode event : jsonEvents()) {
                for (JsonNode value : (Iterable<JsonNode>) event::elements) {
                    if (value.asText().contains(secret)) fail("a JSON log value holds " + describe(secret) + ": " + masked(value.asText(), secret));
                }
            }
        }
    }

    /** A failing test says which secret leaked, and where, without printing it whole. */
    private static String describe(String secret) {
        return "the secret of " + secret.length() + " characters starting '" + secret.substring(0, Math.min(3, secret.length())) + "'";
    }

    private static String masked(String line, String secret) {
        return line.replace(secret, "<secret>");
    }

    private static List<String> lines(ByteArrayOutputStream out) {
        String all = out.toString(StandardCharsets.UTF_8);
        return all.isEmpty() ? List.of() : List.of(all.split("\n"));
    }

    @Override
    public void close() {
        Logging.configure(LogFormat.TEXT);
    }
}
