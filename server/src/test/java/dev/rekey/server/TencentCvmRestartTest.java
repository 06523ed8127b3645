package dev.rekey.server;

import com.tencentcloudapi.cvm.v20170312.CvmClient;
import com.tencentcloudapi.cvm.v20170312.models.Instance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.rekey.server.CvmSdk.awaitOutcome;
import static dev.rekey.server.CvmSdk.describe;
import static dev.rekey.server.CvmSdk.reset;
import static dev.rekey.server.GuestChecks.agentRuns;
import static dev.rekey.server.GuestChecks.guestDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Spawned guests stop with Rekey and come back as the store says; an operation cut short by a crash is FAILED. */
class TencentCvmRestartTest {
    static final String YAML = """
            server: { port: 0 }
            tenants:
              - name: acme
                tencent: { secret-id: AKIDEXAMPLE, secret-key: SECRETEXAMPLE }
            instances:
              - { id: ins-keep0001, tenant: acme, product: tencent-cvm, engine: { kind: guest, spawn: true, users: [root], password: "Initial#Pass1" } }
              - { id: ins-stop0001, tenant: acme, product: tencent-cvm, engine: { kind: guest, spawn: true, users: [root], password: "Initial#Pass1" } }
            """;

    @TempDir
    Path dir;

    @Test
    void guestsStopWithRekeyAndComeBackInTheirRecordedStateWithTheirPasswords() throws Exception {
        try (var rekey = TestRekey.start(dir, YAML)) {
            CvmClient cvm = CvmSdk.client(rekey, "AKIDEXAMPLE", "SECRETEXAMPLE", "ap-guangzhou");
            String reset = cvm.ResetInstancesPassword(reset("Kept#Pass2025", true, "ins-keep0001")).getRequestId();
            assertEquals("SUCCESS", awaitOutcome(cvm, reset, "ins-keep0001").getFirst().getLatestOperationState());
            assertEquals("STOPPED", awaitOutcome(cvm, CvmSdk.stop(cvm, "HARD", "ins-stop0001"), "ins-stop0001")
                    .getFirst().getInstanceState());
            // what a crash in the middle of an operation would leave in the store: the operation open, its lease ours
            interruptLatestOperation(rekey, "ins-keep0001");

            rekey.stop();
            assertFalse(agentRuns(guestDir(rekey, "ins-keep0001")), "Rekey stops the guests it spawned");

            rekey.startAgain();
            cvm = CvmSdk.client(rekey, "AKIDEXAMPLE", "SECRETEXAMPLE", "ap-guangzhou");
            Instance keep = describe(cvm, "ins-keep0001");
            assertEquals("RUNNING", keep.getInstanceState());
            assertEquals("FAILED", keep.getLatestOperationState());
            assertTrue(keep.getLatestOperationErrorMsg().contains("interrupted"), keep.getLatestOperationErrorMsg());
            assertTrue(agentRuns(guestDir(rekey, "ins-keep0001")));
            assertTrue(GuestChecks.suAccepts(guestDir(rekey, "ins-keep0001"), "root", "Kept#Pass2025"),
                    "the changed password survives the restart; the configured initial one is not applied again");

            assertEquals("STOPPED", describe(cvm, "ins-stop0001").getInstanceState());
            assertFalse(agentRuns(guestDir(rekey, "ins-stop0001")), "a stopped instance stays stopped");
            assertEquals("RUNNING", awaitOutcome(cvm, CvmSdk.start(cvm, "ins-stop0001"), "ins-stop0001")
                    .getFirst().getInstanceState());
            assertTrue(GuestChecks.suAccepts(guestDir(rekey, "ins-stop0001"), "root", "Initial#Pass1"));
        }
    }

    static void interruptLatestOperation(TestRekey rekey, String id) {
        var stores = rekey.rekey().stores();
        long op = stores.instances().find(id).orElseThrow().latest().id();
        stores.db().inTransaction(c -> {
            try (var s = c.prepareStatement("UPDATE operation SET state = 'RUNNING', finished_at = NULL, lease_owner = ?, lease_epoch = 1 WHERE id = ?")) {
                s.setString(1, java.nio.file.Files.readString(rekey.dir.resolve("data/node-id")).trim());
                s.setLong(2, op);
                s.executeUpdate();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            try (var s = c.prepareStatement("UPDATE instance SET active_operation = ? WHERE id = ?")) {
                s.setLong(1, op);
                s.setString(2, id);
                return s.executeUpdate();
            }
        });
    }
}
