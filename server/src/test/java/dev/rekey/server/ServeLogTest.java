package dev.rekey.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `rekey serve` as a real process: what it writes to stderr from start to SIGTERM is Rekey's own lines only (every
 * library at WARN), in the format the command line or {@code server.log} chose.
 */
class ServeLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String YAML = """
            server: { data: ./data%s }
            tenants:
              - name: acme
                tencent: { secret-id: AKIDSERVELOG000000000000000000000000, secret-key: ServeLogSecretKey }
            instances:
              - { id: crs-serve001, tenant: acme, product: tencent-redis, engine: { kind: redis, spawn: true, password: "Serve#Pass1" } }
            """;

    @TempDir
    Path dir;

    @Test
    void logFormatJsonWritesOneObjectPerLineAndNoLibraryInfoFromStartToStop() throws Exception {
        List<JsonNode> events = serve(YAML.formatted(""), "--log-format", "json");
        for (JsonNode e : events) {
            String level = e.get("level").asText();
            String logger = e.get("logger_name").asText();
            assertTrue(logger.startsWith("dev.rekey.") || level.equals("WARN") || level.equals("ERROR"), "a library's " + level + " line: " + e);
        }
        assertTrue(events.stream().anyMatch(e -> e.get("message").asText().equals("instance crs-serve001 created (tencent-redis, REDIS)")));
        JsonNode access = events.stream().filter(e -> e.get("logger_name").asText().equals("dev.rekey.access")).findFirst().orElseThrow();
        assertEquals(400, access.get("status").asInt(), "the unrecognised request's access line: " + access);
        assertTrue(access.get("latency_ms").isIntegralNumber());
    }

    @Test
    void serverLogJsonInTheFileWritesJsonLines() throws Exception {
        List<JsonNode> events = serve(YAML.formatted(", log: json"));
        assertTrue(events.stream().anyMatch(e -> e.get("logger_name").asText().equals("dev.rekey.access")));
    }

    @Test
    void serverLogIsTextUnlessTheFileSaysJsonAndNothingElse() {
        var loader = new ConfigLoader(k -> null);
        assertEquals(LogFormat.TEXT, loader.parse("server: { port: 1 }\n", dir).logFormat());
        assertEquals(LogFormat.JSON, loader.parse("server: { log: json }\n", dir).logFormat());
        var e = assertThrows(ConfigException.class, () -> loader.parse("server:\n  port: 1\n  log: xml\n", dir));
        assertEquals("server.log (line 3): must be one of text, json, not 'xml'", e.getMessage());
    }

    /** Starts the node, sends it one request that no cloud claims, stops it with SIGTERM; its stderr, line by line as JSON. */
    private List<JsonNode> serve(String yaml, String... args) throws Exception {
        Path config = dir.resolve("rekey.yaml");
        Files.writeString(config, yaml);
        Path log = dir.resolve("stderr.log");
        try (var node = NodeProcess.start(config, log, Map.of(), args); var http = HttpClient.newHttpClient()) {
            var answer = http.send(HttpRequest.newBuilder(URI.create("http://" + node.endpoint() + "/")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, answer.statusCode());
        }
        var events = new ArrayList<JsonNode>();
        for (String line : Files.readAllLines(log)) {
            JsonNode e = JSON.readTree(line);
            assertTrue(e.isObject() && e.has("level") && e.has("logger_name") && e.has("message"), "one JSON object per line: " + line);
            events.add(e);
        }
        return events;
    }
}
