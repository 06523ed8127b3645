package dev.rekey.it.huawei;

import com.fasterxml.jackson.databind.JsonNode;
import com.huaweicloud.sdk.dcs.v2.DcsClient;
import dev.rekey.server.LogCapture;
import dev.rekey.server.TestRekey;
import dev.rekey.testkit.WireRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A DCS session through the official SDK (a change, a wrong old password, a reset) with every log line captured and
 * every byte the SDK sent recorded: no line holds a password, the secret key, a signature or a request body, and
 * each request has one access line.
 */
class DcsSessionLogTest {
    static final String ID = "d5d7bd72-6d76-4e9f-8d4d-9d2dbd5f4a43";
    static final String SK = "DcsLogSessionSecretKey9b2e";
    static final String INITIAL = "Initial#Pass1";
    static final String CHANGED = "Changed#Pass2x";
    static final String WRONG_OLD = "Wrong#OldPass3";
    static final String RESET = "Reset#Pass4yz";
    static final String YAML = """
            tenants:
              - name: acme
                huawei: { ak: AKDCSLOGSESSION00000, sk: %s, project-id: 0123456789abcdef0123456789abcdef }
            instances:
              - { id: %s, tenant: acme, product: huawei-dcs, region: cn-north-4, engine: { kind: redis, spawn: true, password: "%s" } }
            """.formatted(SK, ID, INITIAL);

    @TempDir
    Path dir;

    @Test
    void aSessionLeavesNoSecretInAnyLineAndOneAccessLinePerRequest() throws Exception {
        var logs = LogCapture.start();
        WireRecorder wire;
        try (TestRekey rekey = TestRekey.start(dir, "server: { port: 0 }\n" + YAML)) {
            wire = WireRecorder.start(rekey.port());
            DcsClient dcs = Dcs.client(wire.endpoint(), "AKDCSLOGSESSION00000", SK, Dcs.PROJECT);
            assertEquals("success", Dcs.change(dcs, ID, INITIAL, CHANGED).getResult().getValue());
            assertEquals("passwordFailed", Dcs.change(dcs, ID, WRONG_OLD, "Never#Set77").getResult().getValue());
            Dcs.reset(dcs, ID, RESET, null);
            assertEquals("RUNNING", Dcs.show(dcs, ID).getStatus());
        } finally {
            logs.close();
        }
        try (wire) {
            var secrets = new ArrayList<>(List.of(SK, INITIAL, CHANGED, WRONG_OLD, RESET));
            secrets.addAll(wire.signatures());
            for (WireRecorder.Request r : wire.requests()) {
                assertTrue(r.head().contains("Signature="), "a signed request: " + r.head());
                if (r.body().length > 0) secrets.add(r.bodyText());
            }
            assertTrue(wire.requests().stream().anyMatch(r -> r.bodyText().contains(CHANGED)), "the recorder read the bodies");
            logs.assertNoLineHolds(secrets);

            List<JsonNode> access = logs.accessEvents();
            assertEquals(wire.requests().size(), access.size());
            JsonNode change = access.getFirst();
            assertEquals("huawei", change.get("cloud").asText());
            assertEquals("UpdatePassword", change.get("action").asText());
            assertEquals("acme", change.get("tenant").asText());
            assertEquals(ID, change.get("instance").asText());
            assertEquals(200, change.get("status").asInt());
            assertTrue(change.get("request_id").asText().matches("[0-9a-f]{32}"));
        }
    }
}
