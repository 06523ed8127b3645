package dev.rekey.it.aliyun;

import com.aliyun.r_kvstore20150101.models.DescribeInstanceAttributeRequest;
import com.aliyun.r_kvstore20150101.models.ModifyInstanceAttributeRequest;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.r_kvstore.model.v20150101.ModifyAccountPasswordRequest;
import com.aliyuncs.r_kvstore.model.v20150101.ResetAccountPasswordRequest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rekey.server.LogCapture;
import dev.rekey.server.TestRekey;
import dev.rekey.testkit.WireRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.rekey.it.aliyun.AliyunFixture.classicError;
import static dev.rekey.it.aliyun.AliyunFixture.teaError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An Aliyun session through both official SDKs (a V3 change, a V1 account reset, a wrong old password, a wrong key)
 * with every log line captured and every byte the SDKs sent recorded: no line holds a password, a key, a signature
 * or a request's parameters, and each request has one access line.
 */
class AliyunSessionLogTest {
    static final String KEY_ID = "LTAILOGSESSION000000";
    static final String SECRET = "AliyunLogSessionSecret4c1d";
    static final String WRONG_SECRET = "AliyunWrongSessionSecret77";
    static final String INITIAL = "Initial#Pass1";
    static final String CHANGED = "Changed#Pass2x";
    static final String RESET = "Reset@Pass4yz";
    static final String WRONG_OLD = "Wrong#OldPass3";
    static final String YAML = """
            server: { port: 0 }
            tenants:
              - name: acme
                aliyun: { access-key-id: %s, access-key-secret: %s }
            instances:
              - { id: r-logsession1, tenant: acme, product: aliyun-redis, region: cn-hangzhou, engine: { kind: redis, spawn: true, password: "%s" } }
            """.formatted(KEY_ID, SECRET, INITIAL);

    @TempDir
    Path dir;

    @Test
    void aSessionLeavesNoSecretInAnyLineAndOneAccessLinePerRequest() throws Exception {
        var logs = LogCapture.start();
        WireRecorder wire;
        try (TestRekey rekey = TestRekey.start(dir, YAML)) {
            wire = WireRecorder.start(rekey.port());
            var tea = AliyunFixture.tea(wire.endpoint(), KEY_ID, SECRET, null);
            tea.modifyInstanceAttribute(new ModifyInstanceAttributeRequest().setInstanceId("r-logsession1").setNewPassword(CHANGED));
            awaitNormal(tea);

            var classic = AliyunFixture.classic(KEY_ID, SECRET);
            var reset = new ResetAccountPasswordRequest();
            reset.setInstanceId("r-logsession1");
            reset.setAccountName("r-logsession1");
            reset.setAccountPassword(RESET);
            classic.getAcsResponse(through(wire, reset));
            var wrongOld = new ModifyAccountPasswordRequest();
            wrongOld.setInstanceId("r-logsession1");
            wrongOld.setAccountName("r-logsession1");
            wrongOld.setOldAccountPassword(WRONG_OLD);
            wrongOld.setNewAccountPassword("Never@Set77");
            assertEquals("InvalidOldAccountPassword", classicError(() -> classic.getAcsResponse(through(wire, wrongOld))));

            var wrongKey = AliyunFixture.tea(wire.endpoint(), KEY_ID, WRONG_SECRET, null);
            assertEquals("SignatureDoesNotMatch", teaError(() -> wrongKey.describeInstanceAttribute(
                    new DescribeInstanceAttributeRequest().setInstanceId("r-logsession1"))));
        } finally {
            logs.close();
        }
        try (wire) {
            var secrets = new ArrayList<>(List.of(SECRET, WRONG_SECRET, INITIAL, CHANGED, RESET, WRONG_OLD));
            secrets.addAll(wire.signatures());
            for (WireRecorder.Request r : wire.requests()) {
                String query = URI.create(r.head().lines().findFirst().orElseThrow().split(" ")[1]).getRawQuery();
                assertTrue(r.head().contains("Signature=") || (query != null && query.contains("Signature=")), "a signed request: " + r.head());
                if (query != null) secrets.add(query);
                if (r.body().length > 0) secrets.add(r.bodyText());
            }
            logs.assertNoLineHolds(secrets);

            List<JsonNode> access = logs.accessEvents();
            assertEquals(wire.requests().size(), access.size());
            JsonNode change = access.getFirst();
            assertEquals("aliyun", change.get("cloud").asText());
            assertEquals("ModifyInstanceAttribute", change.get("action").asText());
            assertEquals("acme", change.get("tenant").asText());
            assertEquals("r-logsession1", change.get("instance").asText());
            assertEquals(200, change.get("status").asInt());
            assertEquals(1, access.stream().filter(e -> e.path("error_code").asText().equals("InvalidOldAccountPassword")).count());
            assertEquals(1, access.stream().filter(e -> e.path("error_code").asText().equals("SignatureDoesNotMatch")).count());
        }
    }

    private static void awaitNormal(com.aliyun.r_kvstore20150101.Client tea) throws Exception {
        var request = new DescribeInstanceAttributeRequest().setInstanceId("r-logsession1");
        for (int i = 0; i < 500; i++) {
            String status = tea.describeInstanceAttribute(request).getBody().getInstances().getDBInstanceAttribute().getFirst().getInstanceStatus();
            if (status.equals("Normal")) return;
            Thread.sleep(10);
        }
        throw new AssertionError("the change did not finish");
    }

    private static <T extends com.aliyuncs.AcsRequest<?>> T through(WireRecorder wire, T request) {
        request.setSysEndpoint(wire.endpoint());
        request.setSysProtocol(ProtocolType.HTTP);
        return request;
    }
}
