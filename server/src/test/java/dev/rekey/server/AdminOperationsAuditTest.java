package dev.rekey.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.redis.v20180412.RedisClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /api/operations} and {@code /api/audit} through the real admin port, after SDK traffic. */
class AdminOperationsAuditTest {
    @TempDir
    static Path dir;
    static TestRekey rekey;
    static AdminClient admin;
    static RedisClient redis;

    @BeforeAll
    static void start() throws Exception {
        rekey = TestRekey.start(dir, """
                server: { port: 0, admin-port: 0 }
                tenants:
                  - name: acme
                    tencent: { secret-id: AKIDEXAMPLE, secret-key: SECRETEXAMPLE }
                instances:
                  - id: crs-ops00001
                    tenant: acme
                    product: tencent-redis
                    engine: { kind: redis, spawn: true, password: "Initial#Pass1" }
                """);
        admin = rekey.admin();
        redis = TencentClients.redis(rekey.endpoint(), "AKIDEXAMPLE", "SECRETEXAMPLE", "ap-guangzhou");
    }

    @AfterAll
    static void stop() {
        rekey.close();
    }

    private static String current = "Initial#Pass1";

    /** A change through the SDK; the next one starts from the password this one set. */
    static synchronized long change(String next) throws Exception {
        long task = AdminInstancesTest.change(redis, "crs-ops00001", current, next);
        assertEquals("succeed", MultiNodeTest.awaitFinal(redis, task, Duration.ofSeconds(20)));
        current = next;
        return task;
    }

    @Test
    void anOperationShowsItsStateLeaseResultAndProof() throws Exception {
        long task = change("Second#Pass2");
        JsonNode op = admin.get("/api/operations/" + task).json();
        assertEquals(task, op.path("id").asLong());
        assertEquals("crs-ops00001", op.path("instance").asText());
        assertEquals("engine_password", op.path("kind").asText());
        assertEquals("ModifyInstancePassword", op.path("action").asText());
        assertEquals("succeeded", op.path("state").asText());
        assertTrue(op.path("finished").asBoolean());
        assertTrue(op.path("lease").path("epoch").asLong() >= 1);
        JsonNode proof = op.path("result").path("proofs").path(0);
        assertEquals("change", proof.path("stage").asText(), op.toString());
        assertTrue(proof.path("summary").asText().contains("fresh connections"), op.toString());
        assertEquals("accepted", proof.path("nodes").path(0).path("next").asText(), "each node's fresh login is shown");
        assertTrue(op.path("window").isNull(), "no overlap window on this instance");
        assertFalse(op.toString().contains("Second#Pass2"));

        JsonNode listed = admin.get("/api/operations?instance=crs-ops00001&state=succeeded").json().path("items");
        assertTrue(listed.size() >= 1);
        assertEquals(0, admin.get("/api/operations?instance=crs-ops00001&state=failed").json().path("items").size());
        assertEquals("state", admin.get("/api/operations?state=done").field());
        assertEquals(404, admin.get("/api/operations/999999").status());
        assertEquals(404, admin.get("/api/operations/abc").status());
    }

    @Test
    void operationsArePagedNewestFirst() throws Exception {
        change("Paged#Pass3");
        change("Paged#Pass4");
        JsonNode first = admin.get("/api/operations?limit=1").json();
        assertEquals(1, first.path("items").size());
        long newest = first.path("items").get(0).path("id").asLong();
        JsonNode second = admin.get("/api/operations?limit=1&before=" + first.path("next").asText()).json();
        assertTrue(second.path("items").get(0).path("id").asLong() < newest);
        assertEquals("limit", admin.get("/api/operations?limit=0").field());
    }

    @Test
    void aFollowerSeesTheOperationEndByLongPollAndByEvents() throws Exception {
        long task = AdminInstancesTest.change(redis, "crs-ops00001", currentPassword(), "Follow#Pass5");
        JsonNode waited = admin.get("/api/operations/" + task + "?wait=30").json();
        assertTrue(waited.path("finished").asBoolean(), waited.toString());
        assertEquals("succeeded", waited.path("state").asText());
        setCurrent("Follow#Pass5");

        var request = HttpRequest.newBuilder(URI.create(rekey.adminUrl() + "/api/operations/" + task + "/events"))
                .header("Authorization", "Bearer " + AdminClient.tokenIn(dir.resolve("data/admin.token")))
                .timeout(Duration.ofSeconds(60)).build();
        HttpResponse<java.util.stream.Stream<String>> events = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        assertEquals("text/event-stream", events.headers().firstValue("Content-Type").orElse(""));
        List<String> lines = new ArrayList<>(events.body().toList());
        assertTrue(lines.contains("event: operation"), lines.toString());
        assertTrue(lines.contains("event: end"), "the stream ends with the operation");
        String last = lines.stream().filter(l -> l.startsWith("data: ")).reduce((a, b) -> b).orElseThrow();
        assertEquals("succeeded", AdminClient.JSON.readTree(last.substring(6)).path("state").asText());
        assertEquals("wait", admin.get("/api/operations/" + task + "?wait=600").field());
    }

    @Test
    void theAuditIsFilteredByTenantInstanceActionOutcomeAndTime() throws Exception {
        Instant before = Instant.now(); // the tests of this class run one after the other, on this JVM's clock
        long task = change("Audited#Pass6");
        var wrong = assertThrows(TencentCloudSDKException.class,
                () -> AdminInstancesTest.change(redis, "crs-ops00001", "Not#ThePassword9", "Whatever#Pass7"));
        assertFalse(wrong.getErrorCode().isEmpty());

        JsonNode accepted = admin.get("/api/audit?instance=crs-ops00001&action=ModifyInstancePassword&outcome=accepted&since="
                + before).json().path("items");
        assertEquals(1, accepted.size(), accepted.toString());
        assertEquals("accepted operation " + task, accepted.get(0).path("outcome").asText());
        assertEquals("acme", accepted.get(0).path("tenant").asText());
        JsonNode succeeded = admin.get("/api/audit?instance=crs-ops00001&outcome=succeeded&since=" + before).json().path("items");
        assertEquals(1, succeeded.size());
        JsonNode refused = admin.get("/api/audit?tenant=acme&outcome=refused&since=1m").json().path("items");
        assertTrue(refused.size() >= 1, "the wrong old password is refused and audited");
        assertEquals(0, admin.get("/api/audit?instance=crs-ops00001&until=" + before.minusSeconds(3600)).json().path("items").size());
        assertEquals("since", admin.get("/api/audit?since=yesterday").field());
        assertEquals("outcome", admin.get("/api/audit?outcome=maybe").field());
        String audit = admin.get("/api/audit?limit=1000").body();
        assertFalse(audit.contains("Audited#Pass6") || audit.contains("Not#ThePassword9"), "never a password");
    }

    @Test
    void theAuditExportIsJsonLinesOfEveryMatchingRecord() throws Exception {
        change("Export#Pass8");
        var export = admin.get("/api/audit/export?instance=crs-ops00001");
        assertEquals(200, export.status());
        assertEquals("application/x-ndjson", export.raw().headers().firstValue("Content-Type").orElse(""));
        String[] lines = export.body().strip().split("\n");
        int listed = admin.get("/api/audit?instance=crs-ops00001&limit=1000").json().path("items").size();
        assertEquals(listed, lines.length);
        for (String line : lines) assertEquals("crs-ops00001", AdminClient.JSON.readTree(line).path("instance").asText());
    }

    private static synchronized String currentPassword() {
        return current;
    }

    private static synchronized void setCurrent(String next) {
        current = next;
    }
}
