package dev.rekey.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.tencentcloudapi.redis.v20180412.models.DescribeInstancesRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /api/instances} through the real admin port: register, show, change, retire and bulk import. */
class AdminInstancesTest {
    static final String ADMIN_PW = "External#Admin1";
    @TempDir
    static Path dir;
    static TestRekey rekey;
    static AdminClient admin;

    @BeforeAll
    static void start() throws Exception {
        rekey = TestRekey.start(dir, """
                server: { port: 0, admin-port: 0 }
                tenants:
                  - name: acme
                    tencent: { secret-id: AKIDEXAMPLE, secret-key: SECRETEXAMPLE }
                  - name: bulk
                instances:
                  - id: crs-config01
                    tenant: acme
                    product: tencent-redis
                    engine: { kind: redis, spawn: true, password: "Initial#Pass1" }
                """);
        admin = rekey.admin();
    }

    @AfterAll
    static void stop() {
        rekey.close();
    }

    /** An external Redis nobody listens for (port 1): registered, and shown unreachable. */
    static String external(String id, String tenant) {
        return """
                {"id": "%s", "tenant": "%s", "product": "tencent-redis", "region": "ap-guangzhou",
                 "engine": {"kind": "redis", "host": "127.0.0.1", "port": 1, "admin-user": "rekey-admin", "admin-password": "%s"}}
                """.formatted(id, tenant, ADMIN_PW);
    }

    static long change(com.tencentcloudapi.redis.v20180412.RedisClient c, String id, String old, String next) throws Exception {
        var req = new com.tencentcloudapi.redis.v20180412.models.ModifyInstancePasswordRequest();
        req.setInstanceId(id);
        req.setOldPassword(old);
        req.setPassword(next);
        return c.ModifyInstancePassword(req).getTaskId();
    }

    @Test
    void aSpawnedInstanceRegisteredAtRunTimeIsServedToTheSdkAndShownWithItsSource() throws Exception {
        var made = admin.post("/api/instances", """
                {"id": "crs-api00001", "tenant": "acme", "product": "tencent-redis", "name": "made-at-run-time",
                 "engine": {"kind": "redis", "spawn": true, "password": "Initial#Pass1"}}
                """);
        assertEquals(201, made.status(), made.body());
        JsonNode i = made.json();
        assertEquals("api", i.path("source").asText());
        assertEquals("ready", i.path("status").asText());
        assertTrue(i.path("engine").path("reachable").asBoolean());
        assertTrue(i.path("engine").path("attached-here").asBoolean());
        assertTrue(i.path("engine").path("port").asInt() > 0);

        var redis = TencentClients.redis(rekey.endpoint(), "AKIDEXAMPLE", "SECRETEXAMPLE", "ap-guangzhou");
        long task = change(redis, "crs-api00001", "Initial#Pass1", "Changed#Pass2");
        assertEquals("succeed", MultiNodeTest.awaitFinal(redis, task, Duration.ofSeconds(20)));
        assertTrue(RedisCli.accepts("127.0.0.1", i.path("engine").path("port").asInt(), "Changed#Pass2"));
        var seen = new HashSet<String>();
        for (var x : redis.DescribeInstances(new DescribeInstancesRequest()).getInstanceSet()) seen.add(x.getInstanceId());
        assertTrue(seen.containsAll(Set.of("crs-config01", "crs-api00001")), seen.toString());

        JsonNode shown = admin.get("/api/instances/crs-api00001").json();
        assertEquals(task, shown.path("latest-operation").path("id").asLong());
        assertEquals("success", shown.path("latest-operation").path("state").asText());
        var sources = new HashSet<String>();
        admin.get("/api/instances?tenant=acme").json().path("items").forEach(x -> sources.add(x.path("source").asText()));
        assertEquals(Set.of("config", "api"), sources);
    }

    @Test
    void anExternalEngineThatDoesNotAnswerIsRegisteredAndShownUnreachableWithoutItsAdminPassword() throws Exception {
        var made = admin.post("/api/instances", external("crs-unreach1", "acme"));
        assertEquals(201, made.status(), made.body());
        assertEquals("unreachable", made.json().path("status").asText());
        assertFalse(made.json().path("engine").path("reachable").asBoolean());
        assertFalse(made.json().path("engine").path("problem").asText().isEmpty());
        assertFalse(made.body().contains(ADMIN_PW), "never shown back");
        assertFalse(admin.get("/api/instances/crs-unreach1").body().contains(ADMIN_PW));
        String sealed = rekey.rekey().stores().catalog().sealedAdmin("crs-unreach1").orElseThrow();
        assertTrue(sealed.startsWith("v1:") && !sealed.contains(ADMIN_PW), "sealed at rest");
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndLine() throws Exception {
        var misspelt = admin.post("/api/instances", """
                {"id": "crs-bad00001", "tenant": "acme", "product": "tencent-redis",
                 "regoin": "ap-guangzhou", "engine": {"kind": "redis", "spawn": true, "password": "Initial#Pass1"}}
                """);
        assertEquals(400, misspelt.status());
        assertEquals("regoin", misspelt.field());
        assertTrue(misspelt.json().path("message").asText().contains("line 2"), misspelt.body());
        assertEquals("engine.port", admin.post("/api/instances", external("crs-bad00002", "acme").replace("\"port\": 1", "\"port\": \"one\"")).field());
        assertEquals("engine.port", admin.post("/api/instances", external("crs-bad00002", "acme").replace("\"port\": 1", "\"port\": 70000")).field());
        assertEquals("tenant", admin.post("/api/instances", external("crs-bad00002", "nobody")).field());
        assertEquals("id", admin.post("/api/instances", external("../../etc", "acme")).field());
        assertEquals("engine", admin.post("/api/instances", external("crs-bad00002", "acme").replace(", \"admin-password\": \"" + ADMIN_PW + "\"", "")).field());
        var both = admin.post("/api/instances", external("crs-bad00002", "acme").replace("\"admin-user\"", "\"admin-password-env\": \"HOME\", \"admin-user\""));
        assertEquals("engine.admin-password", both.field());
        assertFalse(both.body().contains(ADMIN_PW));
        assertEquals("product", admin.post("/api/instances", external("crs-bad00002", "acme").replace("tencent-redis", "tencent-mysql")).field());
        assertEquals(404, admin.get("/api/instances/crs-bad00002").status(), "nothing was registered");
        assertEquals(409, admin.post("/api/instances", external("crs-config01", "acme")).status(), "the id is taken");
    }

    @Test
    void anEngineThatCannotBeStartedIsRefusedAndNothingIsRegistered() throws Exception {
        // a file where the engine's folder must go: the spawn fails for real
        Files.createDirectories(dir.resolve("data/engines"));
        Files.writeString(dir.resolve("data/engines/crs-nospawn1"), "in the way");
        var refused = admin.post("/api/instances", """
                {"id": "crs-nospawn1", "tenant": "acme", "product": "tencent-redis",
                 "engine": {"kind": "redis", "spawn": true, "password": "Initial#Pass1"}}
                """);
        assertEquals(422, refused.status(), refused.body());
        assertEquals("engine-unavailable", refused.error());
        assertEquals(404, admin.get("/api/instances/crs-nospawn1").status());
    }

    @Test
    void anInstanceIsRenamedAndRetiredAndTheFilesInstancesAreLeftToTheFile() throws Exception {
        assertEquals(201, admin.post("/api/instances", external("crs-change01", "acme")).status());
        var renamed = admin.put("/api/instances/crs-change01", external("crs-change01", "acme")
                .replace("\"region\"", "\"name\": \"renamed\", \"region\""));
        assertEquals(200, renamed.status(), renamed.body());
        assertEquals("renamed", renamed.json().path("name").asText());
        assertEquals("product", admin.put("/api/instances/crs-change01", external("crs-change01", "acme")
                .replace("tencent-redis", "aliyun-redis")).field());
        assertEquals("id", admin.put("/api/instances/crs-change01", external("crs-other001", "acme")).field());
        assertEquals(409, admin.put("/api/instances/crs-config01", external("crs-config01", "acme")).status());
        assertEquals(409, admin.delete("/api/instances/crs-config01").status(), "declared in the file");

        var retired = admin.delete("/api/instances/crs-change01");
        assertEquals(200, retired.status(), retired.body());
        assertEquals("retired", retired.json().path("state").asText());
        assertEquals(404, admin.delete("/api/instances/crs-change01").status());
        admin.get("/api/instances?source=api&limit=1000").json().path("items")
                .forEach(x -> assertFalse(x.path("id").asText().equals("crs-change01")));
        assertTrue(admin.get("/api/instances?retired=true&source=api&limit=1000").body().contains("crs-change01"));
        assertEquals(201, admin.post("/api/instances", external("crs-change01", "acme")).status(), "a retired id may come back");
    }

    @Test
    void aSpawnedEngineOfARetiredInstanceIsStopped() throws Exception {
        var made = admin.post("/api/instances", """
                {"id": "crs-retire01", "tenant": "acme", "product": "tencent-redis",
                 "engine": {"kind": "redis", "spawn": true, "password": "Initial#Pass1"}}
                """).json();
        int port = made.path("engine").path("port").asInt();
        assertTrue(RedisCli.accepts("127.0.0.1", port, "Initial#Pass1"));
        assertEquals(200, admin.delete("/api/instances/crs-retire01").status());
        assertFalse(RedisCli.answers("127.0.0.1", port), "the redis-server Rekey spawned for it is gone");
    }

    @Test
    void thousandsOfInstancesAreImportedInOneCallAndEachIsAudited() throws Exception {
        int n = 3000;
        var lines = new StringBuilder();
        for (int k = 0; k < n; k++) lines.append(external("bulk-%05d".formatted(k), "bulk").replace("\n", " ").strip()).append('\n');
        var imported = admin.post("/api/instances/import", "application/x-ndjson", lines.toString());
        assertEquals(201, imported.status(), imported.body());
        assertEquals(n, imported.json().path("registered").asInt());

        int seen = 0;
        String after = null;
        do {
            JsonNode page = admin.get("/api/instances?tenant=bulk&limit=1000" + (after == null ? "" : "&after=" + after)).json();
            seen += page.path("items").size();
            after = page.path("next").isNull() ? null : page.path("next").asText();
        } while (after != null);
        assertEquals(n, seen);
        JsonNode one = admin.get("/api/instances/bulk-01234").json();
        assertEquals("api", one.path("source").asText());
        assertEquals("127.0.0.1", one.path("engine").path("host").asText());
        JsonNode audited = admin.get("/api/audit?instance=bulk-01234").json().path("items");
        assertEquals(1, audited.size());
        assertEquals(imported.raw().headers().firstValue("X-Rekey-Request-Id").orElseThrow(), audited.get(0).path("request-id").asText());
    }

    @Test
    void aBulkImportWithOneBadEntryRegistersNothingAndNamesTheEntry() throws Exception {
        var array = new StringBuilder("[\n");
        for (int k = 0; k < 50; k++) {
            String entry = external("half-%03d".formatted(k), "bulk").replace("\n", " ").strip();
            if (k == 17) entry = entry.replace("\"port\": 1", "\"port\": -1");
            array.append(entry).append(k < 49 ? ",\n" : "\n");
        }
        array.append("]");
        var refused = admin.post("/api/instances/import", array.toString());
        assertEquals(400, refused.status(), refused.body());
        assertEquals("[17].engine.port", refused.field());
        assertTrue(refused.json().path("message").asText().contains("line 19"), refused.body());
        assertEquals(404, admin.get("/api/instances/half-000").status(), "nothing half-registered");

        var twice = admin.post("/api/instances/import", "[" + external("twice-1", "bulk") + "," + external("twice-1", "bulk") + "]");
        assertEquals("[1].id", twice.field());
        assertNull(admin.get("/api/instances/twice-1").json().path("id").textValue());
    }
}
