package dev.rekey.server;

import com.tencentcloudapi.cvm.v20170312.CvmClient;
import com.tencentcloudapi.cvm.v20170312.models.Instance;
import dev.rekey.engines.guest.GuestAgentClient;
import dev.rekey.engines.guest.SandboxedGuest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.rekey.server.CvmSdk.awaitOperating;
import static dev.rekey.server.CvmSdk.awaitOutcome;
import static dev.rekey.server.CvmSdk.code;
import static dev.rekey.server.CvmSdk.describe;
import static dev.rekey.server.CvmSdk.reset;
import static dev.rekey.server.GuestChecks.guestDir;
import static dev.rekey.server.GuestChecks.holds;
import static dev.rekey.server.GuestChecks.suAccepts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The official Tencent Cloud Java SDK's CvmClient against a running Rekey whose CVM instances are real qemu-ga
 * guests: spawned sandboxes, and one channel guest this test starts itself. Each test uses its own instances, so
 * the order does not matter; error codes that need no guest are in {@link TencentCvmRefusalTest}.
 */
class TencentCvmSdkTest {
    static final String INITIAL = "Initial#Pass1";

    @TempDir
    static Path dir;
    static SandboxedGuest vm;
    static TestRekey rekey;
    static CvmClient cvm;
    static Map<String, String> hostAccounts;

    static String yaml(Path channelSocket) {
        return """
                server: { port: 0 }
                tenants:
                  - name: acme
                    tencent: { secret-id: AKIDEXAMPLE, secret-key: SECRETEXAMPLE }
                instances:
                  - { id: ins-batch001, tenant: acme, product: tencent-cvm, os: linux, image: debian-12, engine: { kind: guest, spawn: true, users: [root, ubuntu], password: "%1$s" } }
                  - { id: ins-batch002, tenant: acme, product: tencent-cvm, os: linux, image: debian-12, engine: { kind: guest, spawn: true, users: [root, ubuntu], password: "%1$s" } }
                  - { id: ins-batch003, tenant: acme, product: tencent-cvm, os: linux, image: debian-12, engine: { kind: guest, spawn: true, users: [root, ubuntu], password: "%1$s" } }
                  - { id: ins-ubuntu01, tenant: acme, product: tencent-cvm, os: linux, image: ubuntu-22.04, engine: { kind: guest, spawn: true, users: [root, ubuntu], password: "%1$s" } }
                  - { id: ins-windows1, tenant: acme, product: tencent-cvm, os: windows, image: windows-server-2022, engine: { kind: guest, spawn: true, users: [Administrator], password: "%1$s" } }
                  - { id: ins-linuxmix, tenant: acme, product: tencent-cvm, os: linux, engine: { kind: guest, spawn: true, users: [root], password: "%1$s" } }
                  - { id: ins-nouser01, tenant: acme, product: tencent-cvm, os: linux, engine: { kind: guest, spawn: true, users: [root], password: "%1$s" } }
                  - { id: ins-frozen01, tenant: acme, product: tencent-cvm, os: linux, engine: { kind: guest, spawn: true, users: [root], password: "%1$s" } }
                  - { id: ins-channel1, tenant: acme, product: tencent-cvm, os: linux, name: real-vm, engine: { kind: guest, channel: "unix:%2$s" } }
                  - { id: ins-gone0001, tenant: acme, product: tencent-cvm, os: linux, engine: { kind: guest, channel: "unix:/nonexistent/qga.sock" } }
                limits:
                  tencent-cvm: { ResetInstancesPassword: 1000, StopInstances: 1000, StartInstances: 1000, DescribeInstances: 100000 }
                """.formatted(INITIAL, channelSocket);
    }

    @BeforeAll
    static void start() throws Exception {
        hostAccounts = hostAccountFiles();
        vm = SandboxedGuest.start(dir.resolve("vm/real-vm"), List.of("root"), Map.of());
        rekey = TestRekey.start(dir, yaml(vm.socket()));
        cvm = CvmSdk.client(rekey, "AKIDEXAMPLE", "SECRETEXAMPLE", "ap-guangzhou");
    }

    @AfterAll
    static void stop() throws Exception {
        if (rekey != null) rekey.close();
        if (vm != null) vm.stop(true);
        assertEquals(hostAccounts, hostAccountFiles(), "the host's own account files are never touched");
    }

    private static Map<String, String> hostAccountFiles() throws Exception {
        var sums = new java.util.TreeMap<String, String>();
        for (String name : List.of("passwd", "shadow", "group", "gshadow")) {
            byte[] bytes = java.nio.file.Files.readAllBytes(Path.of("/etc", name));
            sums.put(name, java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes)));
        }
        return sums;
    }

    @Test
    void aRunningInstanceWithoutForceStopIsRefusedAndUntouched() throws Exception {
        long pid = GuestChecks.agentPid(guestDir(rekey, "ins-batch001"));
        String latestBefore = describe(cvm, "ins-batch002").getLatestOperationRequestId();
        assertEquals("UnsupportedOperation.InstanceStateRunning",
                code(() -> cvm.ResetInstancesPassword(reset("Never#Set123", null, "ins-batch001", "ins-batch002"))));
        assertEquals("UnsupportedOperation.InstanceStateRunning",
                code(() -> cvm.ResetInstancesPassword(reset("Never#Set123", false, "ins-batch001"))));
        assertEquals(pid, GuestChecks.agentPid(guestDir(rekey, "ins-batch001")), "the guest was not restarted");
        assertFalse(holds(guestDir(rekey, "ins-batch001"), "root", "Never#Set123"));
        assertEquals(latestBefore, describe(cvm, "ins-batch002").getLatestOperationRequestId(), "no operation recorded");
    }

    @Test
    void aBatchOfRunningLinuxGuestsIsResetWithForceStopAndEachSandboxHoldsTheNewPassword() throws Exception {
        String[] ids = {"ins-batch001", "ins-batch002", "ins-batch003"};
        long before = GuestChecks.agentPid(guestDir(rekey, "ins-batch002"));
        String requestId = cvm.ResetInstancesPassword(reset("Batch#Pass2025", true, ids)).getRequestId();
        for (Instance i : awaitOutcome(cvm, requestId, ids)) {
            assertEquals("SUCCESS", i.getLatestOperationState(), CvmSdk.states(List.of(i)));
            assertEquals("RUNNING", i.getInstanceState());
            assertEquals("ResetInstancesPassword", i.getLatestOperation());
            assertEquals("", i.getLatestOperationErrorMsg());
            assertEquals("root", i.getDefaultLoginUser());
            Path guest = guestDir(rekey, i.getInstanceId());
            assertTrue(holds(guest, "root", "Batch#Pass2025"), i.getInstanceId() + ": root holds the new password");
            assertTrue(holds(guest, "ubuntu", INITIAL), i.getInstanceId() + ": other users are untouched");
            assertTrue(GuestChecks.agentRuns(guest));
        }
        assertNotEquals(before, GuestChecks.agentPid(guestDir(rekey, "ins-batch002")), "ForceStop restarted the guest");
        assertTrue(suAccepts(guestDir(rekey, "ins-batch003"), "root", "Batch#Pass2025"), "PAM accepts the new password");
        assertFalse(suAccepts(guestDir(rekey, "ins-batch003"), "root", INITIAL), "PAM refuses the old one");
    }

    @Test
    void aStoppedInstanceIsResetOfflineAndTheNewPasswordWorksAfterTheNextStart() throws Exception {
        Path guest = guestDir(rekey, "ins-ubuntu01");
        String stop = CvmSdk.stop(cvm, "SOFT", "ins-ubuntu01");
        Instance stopped = awaitOutcome(cvm, stop, "ins-ubuntu01").getFirst();
        assertEquals("STOPPED", stopped.getInstanceState(), CvmSdk.states(List.of(stopped)));
        assertEquals("SUCCESS", stopped.getLatestOperationState());
        assertEquals("KEEP_CHARGING", stopped.getStopChargingMode());
        assertFalse(GuestChecks.agentRuns(guest), "SIGTERM ended the agent");

        String reset = cvm.ResetInstancesPassword(reset("Offline#Pass9", null, "ins-ubuntu01")).getRequestId();
        Instance done = awaitOutcome(cvm, reset, "ins-ubuntu01").getFirst();
        assertEquals("SUCCESS", done.getLatestOperationState(), CvmSdk.states(List.of(done)));
        assertEquals("STOPPED", done.getInstanceState(), "an offline reset leaves the instance stopped");
        assertEquals("ubuntu", done.getDefaultLoginUser());
        assertTrue(holds(guest, "ubuntu", "Offline#Pass9"), "the Ubuntu image's default user is ubuntu");
        assertTrue(holds(guest, "root", INITIAL));
        assertFalse(GuestChecks.agentRuns(guest), "written while offline");

        String start = CvmSdk.start(cvm, "ins-ubuntu01");
        Instance running = awaitOutcome(cvm, start, "ins-ubuntu01").getFirst();
        assertEquals("RUNNING", running.getInstanceState());
        assertEquals("NOT_APPLICABLE", running.getStopChargingMode());
        assertTrue(suAccepts(guest, "ubuntu", "Offline#Pass9"), "the new password works after the start");
    }

    @Test
    void aMixedBatchFollowsTheWindowsRules() throws Exception {
        String[] ids = {"ins-windows1", "ins-linuxmix"};
        assertEquals("InvalidParameterValue.InvalidPassword",
                code(() -> cvm.ResetInstancesPassword(reset("Linux#Ok123", true, ids))), "11 characters: Linux yes, Windows no");
        assertEquals("InvalidParameterValue.InvalidPassword",
                code(() -> cvm.ResetInstancesPassword(reset("my-ADMINISTRATOR-1", true, ids))), "contains the user name");
        String requestId = cvm.ResetInstancesPassword(reset("Mixed#Batch2025", true, ids)).getRequestId();
        List<Instance> done = awaitOutcome(cvm, requestId, ids);
        assertTrue(done.stream().allMatch(i -> i.getLatestOperationState().equals("SUCCESS")), CvmSdk.states(done));
        assertEquals("Administrator", done.getFirst().getDefaultLoginUser());
        assertEquals("windows-server-2022", done.getFirst().getOsName());
        assertTrue(holds(guestDir(rekey, "ins-windows1"), "Administrator", "Mixed#Batch2025"));
        assertTrue(holds(guestDir(rekey, "ins-linuxmix"), "root", "Mixed#Batch2025"));
    }

    @Test
    void aGuestWhoseAgentFailsIsFailedWithAMessageWhileTheOthersSucceed() throws Exception {
        String[] ids = {"ins-ubuntu01", "ins-nouser01", "ins-gone0001"};
        var req = reset("Ubuntu#Only2025", true, ids);
        req.setUserName("ubuntu"); // ins-nouser01 has no ubuntu account: its agent's chpasswd fails
        String requestId = cvm.ResetInstancesPassword(req).getRequestId();
        List<Instance> done = awaitOutcome(cvm, requestId, ids);
        assertEquals("SUCCESS", done.get(0).getLatestOperationState(), CvmSdk.states(done));
        assertTrue(holds(guestDir(rekey, "ins-ubuntu01"), "ubuntu", "Ubuntu#Only2025"));

        Instance noUser = done.get(1);
        assertEquals("FAILED", noUser.getLatestOperationState());
        assertTrue(noUser.getLatestOperationErrorMsg().contains("child process has failed to set user password"),
                noUser.getLatestOperationErrorMsg());
        assertEquals("RUNNING", noUser.getInstanceState(), "it was started again before the agent refused");

        Instance gone = done.get(2);
        assertEquals("FAILED", gone.getLatestOperationState());
        assertTrue(gone.getLatestOperationErrorMsg().contains("cannot connect to the guest agent"), gone.getLatestOperationErrorMsg());
        assertFalse(gone.getLatestOperationErrorMsg().contains("Ubuntu#Only2025"));
        for (Instance i : done) {
            String message = String.valueOf(i.getLatestOperationErrorMsg());
            assertFalse(message.contains(rekey.dir.toString()) || message.contains("/data/engines"),
                    "the cloud's words, not the server's paths: " + message);
        }
    }

    @Test
    void aChannelGuestStartedByTheTestGetsThePasswordOnlineAgentConfirmed() throws Exception {
        var req = reset("Channel#Pass77", true, "ins-channel1");
        String requestId = cvm.ResetInstancesPassword(req).getRequestId();
        Instance done = awaitOutcome(cvm, requestId, "ins-channel1").getFirst();
        assertEquals("SUCCESS", done.getLatestOperationState(), CvmSdk.states(List.of(done)));
        assertEquals("RUNNING", done.getInstanceState(), "no hypervisor: the VM keeps running");
        assertTrue(holds(vm.dir(), "root", "Channel#Pass77"), "the VM's own shadow file holds it");
        assertTrue(vm.isRunning(), "Rekey never stops a channel guest");
    }

    @Test
    void aResetWhileOneIsOperatingIsMutexOperationTaskRunning() throws Exception {
        String requestId;
        // the agent serves one client at a time: while this test holds it, Rekey's reset waits in guest-sync
        try (GuestAgentClient busy = GuestAgentClient.connect(vm.socket())) {
            busy.ping();
            requestId = cvm.ResetInstancesPassword(reset("Mutex#First1", true, "ins-channel1")).getRequestId();
            awaitOperating(cvm, requestId, "ins-channel1");
            assertEquals("MutexOperation.TaskRunning",
                    code(() -> cvm.ResetInstancesPassword(reset("Mutex#Second2", true, "ins-channel1"))));
            assertEquals("MutexOperation.TaskRunning", code(() -> CvmSdk.stop(cvm, "SOFT", "ins-channel1")));
        }
        Instance done = awaitOutcome(cvm, requestId, "ins-channel1").getFirst();
        assertEquals("SUCCESS", done.getLatestOperationState(), CvmSdk.states(List.of(done)));
        assertTrue(holds(vm.dir(), "root", "Mutex#First1"));
    }

    @Test
    void aStopInProgressDeniesOtherOperationsUntilItEnds() throws Exception {
        Path guest = guestDir(rekey, "ins-frozen01");
        long pid = GuestChecks.agentPid(guest);
        GuestChecks.signal(pid, "STOP"); // a hung guest: SIGTERM stays pending
        String stop;
        try {
            stop = CvmSdk.stop(cvm, "SOFT", "ins-frozen01");
            Instance stopping = awaitOperating(cvm, stop, "ins-frozen01");
            assertEquals("STOPPING", stopping.getInstanceState());
            assertEquals("OperationDenied.InstanceOperationInProgress",
                    code(() -> cvm.ResetInstancesPassword(reset("Denied#Pass1", true, "ins-frozen01"))));
            assertEquals("OperationDenied.InstanceOperationInProgress", code(() -> CvmSdk.start(cvm, "ins-frozen01")));
        } finally {
            GuestChecks.signal(pid, "CONT");
        }
        Instance stopped = awaitOutcome(cvm, stop, "ins-frozen01").getFirst();
        assertEquals("STOPPED", stopped.getInstanceState(), CvmSdk.states(List.of(stopped)));
        assertEquals("UnsupportedOperation.InstanceStateStopped", code(() -> CvmSdk.stop(cvm, "SOFT", "ins-frozen01")));
        Instance started = awaitOutcome(cvm, CvmSdk.start(cvm, "ins-frozen01"), "ins-frozen01").getFirst();
        assertEquals("RUNNING", started.getInstanceState());
        assertTrue(GuestChecks.agentRuns(guest));
        assertEquals("UnsupportedOperation.InstanceStateRunning", code(() -> CvmSdk.start(cvm, "ins-frozen01")));
    }

    @Test
    void guestExecAndGuestShutdownAnswerCommandNotFound() throws Exception {
        Path socket = guestDir(rekey, "ins-linuxmix").resolve("qga.sock");
        String exec = GuestChecks.rawCall(socket, "{\"execute\":\"guest-exec\",\"arguments\":{\"path\":\"/bin/true\"}}");
        assertTrue(exec.contains("CommandNotFound"), exec);
        String shutdown = GuestChecks.rawCall(socket, "{\"execute\":\"guest-shutdown\"}");
        assertTrue(shutdown.contains("CommandNotFound"), shutdown);
        assertTrue(GuestChecks.agentRuns(guestDir(rekey, "ins-linuxmix")), "the agent is still up");
    }
}
