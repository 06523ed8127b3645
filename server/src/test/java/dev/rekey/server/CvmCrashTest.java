package dev.rekey.server;

import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.cvm.v20170312.CvmClient;
import com.tencentcloudapi.cvm.v20170312.models.Instance;
import dev.rekey.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node killed (SIGKILL) in the middle of a CVM batch: on restart every instance's reported outcome matches what its
 * guest really holds, and the agents the dead node left behind are found by their pid files and replaced.
 */
class CvmCrashTest {
    static final String INITIAL = "Initial#Pass1";
    @TempDir
    Path dir;

    @AfterEach
    void stopOrphans() throws Exception {
        try (var pids = Files.find(dir, 4, (p, a) -> p.getFileName().toString().equals("qga.pid"))) {
            for (Path pid : pids.toList()) {
                ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    private static CvmClient client(NodeProcess node) {
        var http = new HttpProfile();
        http.setEndpoint(node.endpoint());
        http.setProtocol("http://");
        var profile = new ClientProfile();
        profile.setHttpProfile(http);
        return new CvmClient(new Credential("AKIDEXAMPLE", "SECRETEXAMPLE"), "ap-guangzhou", profile);
    }

    @Test
    void aBatchInterruptedByKillMinusNineIsSettledFromTheGuestsOnRestart() throws Exception {
        Files.writeString(dir.resolve("rekey.yaml"), """
                server: { port: 0 }
                tenants:
                  - name: acme
                    tencent: { secret-id: AKIDEXAMPLE, secret-key: SECRETEXAMPLE }
                instances:
                  - { id: ins-crash001, tenant: acme, product: tencent-cvm, os: linux, engine: { kind: guest, spawn: true, users: [root], password: "%1$s" } }
                  - { id: ins-crash002, tenant: acme, product: tencent-cvm, os: linux, engine: { kind: guest, spawn: true, users: [root], password: "%1$s" } }
                """.formatted(INITIAL));
        String[] ids = {"ins-crash001", "ins-crash002"};
        Path guest1 = dir.resolve("data/engines/ins-crash001");
        Path guest2 = dir.resolve("data/engines/ins-crash002");
        long orphan;
        var node = NodeProcess.start(dir.resolve("rekey.yaml"), dir.resolve("node.log"), Map.of("REKEY_CRASH_TEST_PAUSE_MS", "60000"));
        try {
            CvmClient cvm = client(node);
            cvm.ResetInstancesPassword(CvmSdk.reset("Crash#Pass2026", true, ids));
            Await.until("the guests took the hash before the node died", Duration.ofSeconds(20),
                    () -> GuestChecks.holds(guest1, "root", "Crash#Pass2026") && GuestChecks.holds(guest2, "root", "Crash#Pass2026"));
            assertEquals("OPERATING", CvmSdk.describe(cvm, "ins-crash001").getLatestOperationState(), "the outcome is not recorded yet");
            orphan = GuestChecks.agentPid(guest1);
        } finally {
            node.kill();
        }
        assertTrue(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false), "a killed node leaves its agents running");

        try (var restarted = NodeProcess.start(dir.resolve("rekey.yaml"), dir.resolve("node2.log"), Map.of())) {
            CvmClient cvm = client(restarted);
            for (String id : ids) {
                Instance i = CvmSdk.describe(cvm, id);
                assertEquals("SUCCESS", i.getLatestOperationState(), id + ": the guest holds the new hash, so Rekey reports SUCCESS");
                assertEquals("RUNNING", i.getInstanceState());
            }
            assertTrue(GuestChecks.holds(guest1, "root", "Crash#Pass2026"));
            assertFalse(GuestChecks.holds(guest2, "root", INITIAL));
            assertFalse(ProcessHandle.of(orphan).map(dev.rekey.engines.Processes::isAlive).orElse(false), "the orphaned agent was replaced");
            assertTrue(GuestChecks.agentRuns(guest1));
        }
    }
}
