package dev.rekey.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.redis.v20180412.models.DescribeInstancesRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /api/tenants} through the real admin port, with the official Tencent SDK proving what a key can do. */
class AdminTenantsTest {
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
                instances:
                  - id: crs-tenant01
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

    static int instancesSeenBy(String keyId, String secret) throws TencentCloudSDKException {
        var redis = TencentClients.redis(rekey.endpoint(), keyId, secret, "ap-guangzhou");
        return redis.DescribeInstances(new DescribeInstancesRequest()).getInstanceSet().length;
    }

    static String refusal(String keyId, String secret) {
        return assertThrows(TencentCloudSDKException.class, () -> instancesSeenBy(keyId, secret)).getErrorCode();
    }

    @Test
    void theTokenFileIsCreatedOwnerOnlyOnFirstStart() throws Exception {
        Path token = dir.resolve("data/admin.token");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(token)));
        assertTrue(Files.readString(token).strip().length() >= 40, "a random token of 32 bytes");
        assertEquals(rekey.adminUrl() + "\n", Files.readString(dir.resolve("data/admin.url")));
    }

    @Test
    void aKeyMadeForANewTenantWorksWithTheSdkAndItsSecretIsShownOnlyOnce() throws Exception {
        assertEquals(201, admin.post("/api/tenants", "{\"name\": \"globex\"}").status());
        var made = admin.post("/api/tenants/globex/keys", "{\"cloud\": \"tencent\"}");
        assertEquals(201, made.status(), made.body());
        String keyId = made.json().path("key-id").asText();
        String secret = made.json().path("secret").asText();
        assertTrue(keyId.matches("AKID[A-Za-z0-9]{32}"), keyId);
        assertEquals(32, secret.length());
        assertEquals(0, instancesSeenBy(keyId, secret), "a tenant of its own: it sees none of acme's instances");

        var shown = admin.get("/api/tenants/globex");
        assertEquals(200, shown.status());
        assertEquals(keyId, shown.json().path("keys").get(0).path("key-id").asText());
        assertEquals("api", shown.json().path("keys").get(0).path("source").asText());
        assertFalse(shown.body().contains(secret), "never shown again");
        assertFalse(admin.get("/api/tenants").body().contains(secret));
        assertFalse(admin.get("/api/audit?tenant=globex").body().contains(secret), "nor audited");
    }

    @Test
    void aRotatedKeyStopsWorkingAndItsSuccessorWorks() throws Exception {
        admin.post("/api/tenants", "{\"name\": \"initech\"}");
        JsonNode first = admin.post("/api/tenants/initech/keys", "{\"cloud\": \"tencent\"}").json();
        var rotated = admin.post("/api/tenants/initech/keys/tencent/" + first.path("key-id").asText() + "/rotate", "");
        assertEquals(201, rotated.status(), rotated.body());
        assertEquals(first.path("key-id").asText(), rotated.json().path("revoked").asText());
        assertNotEquals(first.path("key-id").asText(), rotated.json().path("key-id").asText());
        assertEquals("AuthFailure.SecretIdNotFound", refusal(first.path("key-id").asText(), first.path("secret").asText()),
                "this node forgets the old key at once");
        assertEquals(0, instancesSeenBy(rotated.json().path("key-id").asText(), rotated.json().path("secret").asText()));
    }

    @Test
    void aRevokedKeyIsRefusedAndTheRevocationIsAudited() throws Exception {
        var made = admin.post("/api/tenants/acme/keys", "{\"cloud\": \"tencent\"}").json();
        String keyId = made.path("key-id").asText();
        assertEquals(1, instancesSeenBy(keyId, made.path("secret").asText()));
        var revoked = admin.delete("/api/tenants/acme/keys/tencent/" + keyId);
        assertEquals(200, revoked.status(), revoked.body());
        assertEquals("AuthFailure.SecretIdNotFound", refusal(keyId, made.path("secret").asText()));
        assertEquals(404, admin.delete("/api/tenants/acme/keys/tencent/" + keyId).status(), "gone");

        JsonNode record = admin.get("/api/audit?action=admin.key.revoke&tenant=acme&outcome=ok").json().path("items").get(0);
        assertEquals("admin", record.path("actor").asText());
        assertEquals("ok", record.path("outcome-code").asText());
        assertEquals("127.0.0.1", record.path("source-address").asText());
        assertTrue(record.path("outcome").asText().contains(keyId));
        assertFalse(record.path("request-id").asText().isEmpty());
    }

    @Test
    void keysOfEachCloudHaveThatCloudsShape() throws Exception {
        admin.post("/api/tenants", "{\"name\": \"shapes\"}");
        JsonNode aliyun = admin.post("/api/tenants/shapes/keys", "{\"cloud\": \"aliyun\"}").json();
        assertTrue(aliyun.path("key-id").asText().matches("LTAI[A-Za-z0-9]{20}"), aliyun.toString());
        assertEquals(30, aliyun.path("secret").asText().length());
        JsonNode huawei = admin.post("/api/tenants/shapes/keys",
                "{\"cloud\": \"huawei\", \"project-id\": \"0123456789abcdef0123456789abcdef\"}").json();
        assertTrue(huawei.path("key-id").asText().matches("[A-Z0-9]{20}"), huawei.toString());
        assertEquals(40, huawei.path("secret").asText().length());
        assertEquals("0123456789abcdef0123456789abcdef", huawei.path("project-id").asText());
    }

    @Test
    void badInputIsA400NamingTheFieldAndUnknownIdsA404() throws Exception {
        var unknownField = admin.post("/api/tenants", "{\"name\": \"x\", \"nmae\": \"y\"}");
        assertEquals(400, unknownField.status());
        assertEquals("nmae", unknownField.field());
        assertEquals("bad-request", unknownField.error());
        assertEquals("name", admin.post("/api/tenants", "{}").field());
        assertEquals("name", admin.post("/api/tenants", "{\"name\": \"../etc\"}").field());
        assertEquals("name", admin.post("/api/tenants", "{\"name\": 7}").field());
        assertEquals(400, admin.post("/api/tenants", "{not json").status());
        assertEquals(409, admin.post("/api/tenants", "{\"name\": \"acme\"}").status());
        assertEquals("cloud", admin.post("/api/tenants/acme/keys", "{\"cloud\": \"azure\"}").field());
        assertEquals("project-id", admin.post("/api/tenants/acme/keys", "{\"cloud\": \"tencent\", \"project-id\": \"0123456789abcdef0123456789abcdef\"}").field());
        var missing = admin.get("/api/tenants/nobody");
        assertEquals(404, missing.status());
        assertEquals("not-found", missing.error());
        assertEquals(404, admin.delete("/api/tenants/acme/keys/tencent/AKIDNOSUCHKEY").status());
        assertEquals("no-route", admin.get("/api/tenant").error());
        assertEquals(405, admin.method("PATCH", "/api/tenants").status());
        var refused = admin.get("/api/audit?action=admin.tenant.create&outcome=refused").json().path("items");
        assertTrue(refused.size() >= 1, "refused changes are audited too");
    }

    @Test
    void aMissingOrWrongTokenIs401AndAuditedWithoutTheToken() throws Exception {
        var none = admin.withToken(null).get("/api/tenants");
        assertEquals(401, none.status());
        assertEquals("unauthorized", none.error());
        assertTrue(none.raw().headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        String wrong = "not-the-token-" + System.nanoTime();
        assertEquals(401, admin.withToken(wrong).post("/api/tenants", "{\"name\": \"mallory\"}").status());
        assertEquals(404, admin.get("/api/tenants/mallory").status(), "nothing was created");
        assertEquals(200, admin.withToken(null).get("/metrics").status(), "the metrics need no token");
        assertEquals(200, admin.withToken(null).get("/openapi.json").status());

        var denied = admin.get("/api/audit?action=admin.auth&outcome=denied").json().path("items");
        assertTrue(denied.size() >= 2, denied.toString());
        assertFalse(denied.toString().contains(wrong), "the token sent is never recorded");
        assertTrue(denied.toString().contains("not valid"));
        assertTrue(denied.toString().contains("no admin token"));
    }

    @Test
    void aNamedTokenInTheFileIsTheActorTheAuditRecords() throws Exception {
        Path token = dir.resolve("data/admin.token");
        String original = Files.readString(token);
        try {
            Files.writeString(token, original + "ci:ci-token-0123456789abcdef\n");
            var ci = admin.withToken("ci-token-0123456789abcdef");
            assertEquals(201, ci.post("/api/tenants", "{\"name\": \"from-ci\"}").status());
            JsonNode record = admin.get("/api/audit?tenant=from-ci").json().path("items").get(0);
            assertEquals("ci", record.path("actor").asText());
        } finally {
            Files.writeString(token, original);
        }
    }
}
