package dev.rekey.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenAPI document at {@code /openapi.json} and the routes the admin server really serves are the same set: every
 * route of its router is documented, and every documented path and method gets an answer of its own (never the
 * catch-all's {@code no-route}, never 405).
 */
class AdminOpenApiTest {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");
    @TempDir
    static Path dir;
    static TestRekey rekey;
    static AdminClient admin;
    static JsonNode doc;

    @BeforeAll
    static void start() throws Exception {
        rekey = TestRekey.start(dir, """
                server: { port: 0, admin-port: 0 }
                tenants:
                  - name: acme
                """);
        admin = rekey.admin();
        var answer = admin.withToken(null).get("/openapi.json");
        assertEquals(200, answer.status());
        doc = answer.json();
    }

    @AfterAll
    static void stop() {
        rekey.close();
    }

    static Set<String> documented() {
        var out = new TreeSet<String>();
        doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(m -> {
            if (METHODS.contains(m.getKey())) out.add(m.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
        }));
        return out;
    }

    @Test
    void itIsAnOpenApi3DocumentWhoseReferencesAllResolve() {
        assertTrue(doc.path("openapi").asText().startsWith("3."));
        String text = doc.toString();
        var schemas = doc.path("components").path("schemas");
        var m = java.util.regex.Pattern.compile("#/components/schemas/(\\w+)").matcher(text);
        while (m.find()) assertTrue(schemas.has(m.group(1)), "no schema " + m.group(1));
    }

    @Test
    void everyRouteServedIsDocumentedAndEveryDocumentedRouteIsServed() {
        assertEquals(documented(), new TreeSet<>(rekey.rekey().adminRoutes()));
    }

    @Test
    void everyDocumentedPathAnswersWithAHandlerOfItsOwn() throws Exception {
        for (String route : documented()) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1)
                    .replace("{tenant}", "acme").replace("{cloud}", "tencent").replace("{keyId}", "AKIDNOSUCHKEY")
                    .replace("{id}", "1");
            var answer = admin.method(method, path);
            assertNotEquals(405, answer.status(), route);
            if (answer.status() == 404) assertNotEquals("no-route", answer.error(), route + " answered " + answer.body());
        }
    }

    @Test
    void everyOperationHasAnIdASummaryAndAnswers() {
        var ids = new TreeSet<String>();
        doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(m -> {
            JsonNode op = m.getValue();
            assertTrue(ids.add(op.path("operationId").asText()), "operation ids are unique");
            assertTrue(op.path("summary").isTextual(), path.getKey());
            assertTrue(op.path("responses").size() > 0, path.getKey());
        }));
    }
}
