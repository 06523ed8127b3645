package dev.rekey.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rekey.testkit.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the admin API made survives a restart; the file, applied again at the start, wins where it speaks. */
class AdminRestartTest {
    @TempDir
    Path dir;

    @Test
    void registeredInstancesAndTenantsComeBackAndAKeyTheFileNowDeclaresBelongsToTheFile() throws Exception {
        String yaml = """
                server: { port: 0, admin-port: 0 }
                tenants:
                  - name: acme
                    tencent: { secret-id: AKIDEXAMPLE, secret-key: SECRETEXAMPLE }
                """;
        try (var rekey = TestRekey.start(dir, yaml)) {
            var admin = rekey.admin();
            assertEquals(201, admin.post("/api/tenants", "{\"name\": \"globex\"}").status());
            JsonNode key = admin.post("/api/tenants/acme/keys", "{\"cloud\": \"tencent\"}").json();
            var made = admin.post("/api/instances", """
                    {"id": "crs-restart1", "tenant": "acme", "product": "tencent-redis",
                     "engine": {"kind": "redis", "spawn": true, "password": "Initial#Pass1"}}
                    """);
            assertEquals(201, made.status(), made.body());

            rekey.stop();
            Files.writeString(dir.resolve("rekey.yaml"), yaml + "    aliyun: { access-key-id: LTAIFILE0000000000000000, access-key-secret: S }\n"
                    + "  - name: initech\n    tencent: { secret-id: " + key.path("key-id").asText() + ", secret-key: FROMTHEFILE }\n");
            rekey.startAgain();
            admin = rekey.admin();

            assertEquals("api", admin.get("/api/tenants/globex").json().path("source").asText());
            JsonNode moved = admin.get("/api/tenants/initech").json().path("keys").get(0);
            assertEquals(key.path("key-id").asText(), moved.path("key-id").asText());
            assertEquals("config", moved.path("source").asText(), "the file declares it now");
            assertEquals(0, admin.get("/api/tenants/acme").json().path("keys").findValuesAsText("key-id")
                    .stream().filter(k -> k.equals(key.path("key-id").asText())).count());

            JsonNode again = admin.get("/api/instances/crs-restart1").json();
            assertEquals("api", again.path("source").asText());
            assertTrue(again.path("engine").path("attached-here").asBoolean(), "attached at the start from the store");
            Await.until("the restarted engine answers its probe", Duration.ofSeconds(30),
                    () -> admin(rekey).get("/api/instances/crs-restart1").json().path("engine").path("reachable").asBoolean());
            assertTrue(RedisCli.accepts("127.0.0.1", admin.get("/api/instances/crs-restart1").json().path("engine").path("port").asInt(),
                    "Initial#Pass1"), "the same engine and password");
        }
    }

    private static AdminClient admin(TestRekey rekey) throws Exception {
        return rekey.admin();
    }
}
