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

import dev.rekey.testkit.Await;
import dev.rekey.testkit.TestDatabases;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    /** Whether the instance's reset has recorded the hash it is about to apply and has not ended yet. */
    private static boolean resetUnderway(String url, String instanceId) throws Exception {
        try (var c = java.sql.DriverManager.getConnection(url);
             var ps = c.prepareStatement("SELECT 1 FROM operation WHERE instance_id = ? AND kind = 'GUEST_PASSWORD' "
                     + "AND state = 'RUNNING' AND pending_hash IS NOT NULL")) {
            ps.setString(1, instanceId);
            try (var rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Test
    void aBatchInterruptedByKillMinusNineIsSettledFromTheGuestsOnRestart() throws Exception {
        String db = TestDatabases.postgres();
        try {
            interruptAndRestart(db);
        } finally {
            TestDatabases.drop(db);
        }
    }

    /**
     * The node is killed as soon as the first reset has recorded its hash, while the guests are being stopped, started
     * and set; whatever each guest holds at that moment, after the restart Rekey reports exactly that: SUCCESS for a
     * guest that holds the new hash, FAILED for one that still holds the old password, never a password nobody knows.
     */
    private void interruptAndRestart(String db) throws Exception {
        Files.writeString(dir.resolve("rekey.yaml"), """
                server: { port: 0 }
                store: { url: "%2$s", key-file: ./master.key }
                tenants:
                  - name: acme
                    tencent: { secret-id: AKIDEXAMPLE, secret-key: SECRETEXAMPLE }
                instances:
                  - { id: ins-crash001, tenant: acme, product: tencent-cvm, os: linux, engine: { kind: guest, spawn: true, users: [root], password: "%1$s" } }
                  - { id: ins-crash002, tenant: acme, product: tencent-cvm, os: linux, engine: { kind: guest, spawn: true, users: [root], password: "%1$s" } }
                """.formatted(INITIAL, db));
        String[] ids = {"ins-crash001", "ins-crash002"};
        Path[] guests = {dir.resolve("data/engines/ins-crash001"), dir.resolve("data/engines/ins-crash002")};
        long orphan;
        var node = NodeProcess.start(dir.resolve("rekey.yaml"), dir.resolve("node.log"), Map.of());
        try {
            CvmClient cvm = client(node);
            orphan = GuestChecks.agentPid(guests[0]);
            cvm.ResetInstancesPassword(CvmSdk.reset("Crash#Pass2026", true, ids));
            Await.until("a reset has recorded the hash it applies", Duration.ofSeconds(10),
                    () -> resetUnderway(db, ids[0]) || resetUnderway(db, ids[1]));
        } finally {
            node.kill();
        }

        try (var restarted = NodeProcess.start(dir.resolve("rekey.yaml"), dir.resolve("node2.log"), Map.of())) {
            CvmClient cvm = client(restarted);
            for (int n = 0; n < ids.length; n++) {
                Instance i = CvmSdk.describe(cvm, ids[n]);
                boolean holdsNew = GuestChecks.holds(guests[n], "root", "Crash#Pass2026");
                boolean holdsOld = GuestChecks.holds(guests[n], "root", INITIAL);
                assertTrue(holdsNew != holdsOld, ids[n] + ": the guest holds exactly one of the two passwords");
                assertEquals(holdsNew ? "SUCCESS" : "FAILED", i.getLatestOperationState(),
                        ids[n] + ": Rekey reports what the guest holds");
                assertTrue(java.util.Set.of("RUNNING", "STOPPED").contains(i.getInstanceState()),
                        ids[n] + ": no transition is left half-way: " + i.getInstanceState());
            }
            assertFalse(ProcessHandle.of(orphan).map(dev.rekey.engines.Processes::isAlive).orElse(false),
                    "the agent the killed node left behind was replaced");
            // the instances are usable again: a new reset goes through on both
            String again = cvm.ResetInstancesPassword(CvmSdk.reset("After#Pass2027", true, ids)).getRequestId();
            for (String id : ids) assertEquals("SUCCESS", CvmSdk.awaitOutcome(cvm, again, id).getFirst().getLatestOperationState());
            for (Path g : guests) assertTrue(GuestChecks.holds(g, "root", "After#Pass2027"));
        }
    }
}
