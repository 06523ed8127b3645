package dev.rekey.server;

import com.tencentcloudapi.cvm.v20170312.CvmClient;
import com.tencentcloudapi.cvm.v20170312.models.DescribeInstancesRequest;
import com.tencentcloudapi.cvm.v20170312.models.DescribeInstancesResponse;
import com.tencentcloudapi.cvm.v20170312.models.DescribeInstancesStatusRequest;
import com.tencentcloudapi.cvm.v20170312.models.Filter;
import com.tencentcloudapi.cvm.v20170312.models.Instance;
import com.tencentcloudapi.cvm.v20170312.models.StopInstancesRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

import static dev.rekey.server.CvmSdk.awaitOutcome;
import static dev.rekey.server.CvmSdk.code;
import static dev.rekey.server.CvmSdk.describe;
import static dev.rekey.server.CvmSdk.reset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every CVM error code of the seed that Rekey produces, through the official SDK, and the describe actions. The
 * instances pinned to a state (configuration {@code state:}) are channel guests nobody listens on: a refused request
 * must never reach them. One spawned guest proves that a refused batch leaves its other instances untouched.
 */
class TencentCvmRefusalTest {
    /** Pinned instance → the state it is pinned to. */
    static final Map<String, String> PINNED = new LinkedHashMap<>();

    static {
        String[] states = {"ENTER_RESCUE_MODE", "EXIT_RESCUE_MODE", "FREEZING", "ISOLATING", "PENDING", "REBOOTING",
                "RESCUE_MODE", "SERVICE_LIVE_MIGRATE", "SHUTDOWN", "STARTING", "STOPPING", "TERMINATING", "LAUNCH_FAILED",
                "ENTER_SERVICE_LIVE_MIGRATE"};
        for (int i = 0; i < states.length; i++) PINNED.put("ins-pin%05d".formatted(i + 1), states[i]);
    }

    @TempDir
    static Path dir;
    static TestRekey rekey;
    static CvmClient cvm;

    static String yaml() {
        var pinned = new StringBuilder();
        PINNED.forEach((id, state) -> pinned.append("  - { id: %s, tenant: acme, product: tencent-cvm, name: pinned-%s, state: %s, engine: { kind: guest, channel: \"unix:/nonexistent/%s.sock\" } }\n"
                .formatted(id, state.toLowerCase(), state, id)));
        return """
                server: { port: 0 }
                tenants:
                  - name: acme
                    tencent: { secret-id: AKIDEXAMPLE, secret-key: SECRETEXAMPLE }
                  - name: other
                    tencent: { secret-id: AKIDOTHER, secret-key: OTHERSECRET }
                instances:
                  - { id: ins-live0001, tenant: acme, product: tencent-cvm, name: web server, engine: { kind: guest, spawn: true, users: [root], password: "Initial#Pass1" } }
                  - { id: ins-model001, tenant: acme, product: tencent-cvm, name: db/1, engine: { kind: guest, channel: "unix:/nonexistent/model.sock" } }
                  - { id: ins-other001, tenant: other, product: tencent-cvm, engine: { kind: guest, channel: "unix:/nonexistent/other.sock" } }
                  - { id: ins-shang001, tenant: acme, product: tencent-cvm, region: ap-shanghai, engine: { kind: guest, channel: "unix:/nonexistent/sh.sock" } }
                """ + pinned + """
                limits:
                  tencent-cvm: { ResetInstancesPassword: 1000, StopInstances: 1000, StartInstances: 1000, DescribeInstances: 100000 }
                """;
    }

    @BeforeAll
    static void start() throws Exception {
        rekey = TestRekey.start(dir, yaml());
        cvm = CvmSdk.client(rekey, "AKIDEXAMPLE", "SECRETEXAMPLE", "ap-guangzhou");
    }

    @AfterAll
    static void stop() {
        if (rekey != null) rekey.close();
    }

    @ParameterizedTest
    @CsvSource({
            "ins-pin00001, UnsupportedOperation.InstanceStateEnterRescueMode",
            "ins-pin00002, UnsupportedOperation.InstanceStateExitRescueMode",
            "ins-pin00003, UnsupportedOperation.InstanceStateFreezing",
            "ins-pin00004, UnsupportedOperation.InstanceStateIsolating",
            "ins-pin00005, UnsupportedOperation.InstanceStatePending",
            "ins-pin00006, UnsupportedOperation.InstanceStateRebooting",
            "ins-pin00007, UnsupportedOperation.InstanceStateRescueMode",
            "ins-pin00008, UnsupportedOperation.InstanceStateServiceLiveMigrate",
            "ins-pin00009, UnsupportedOperation.InstanceStateShutdown",
            "ins-pin00010, UnsupportedOperation.InstanceStateStarting",
            "ins-pin00011, UnsupportedOperation.InstanceStateStopping",
            "ins-pin00012, UnsupportedOperation.InstanceStateTerminating",
            "ins-pin00013, InvalidInstance.NotSupported",
            "ins-pin00014, UnsupportedOperation.InstanceStateServiceLiveMigrate"})
    void anInstancePinnedToAStateRefusesTheResetWithThatStatesCode(String id, String expected) throws Exception {
        assertEquals(expected, code(() -> cvm.ResetInstancesPassword(reset("Pinned#Pass1", true, id))));
        Instance i = describe(cvm, id);
        assertEquals(PINNED.get(id), i.getInstanceState());
        assertEquals(null, i.getLatestOperation(), "nothing was recorded");
    }

    @Test
    void aRefusedBatchLeavesEveryOtherInstanceUntouched() throws Exception {
        Path live = GuestChecks.guestDir(rekey, "ins-live0001");
        long pid = GuestChecks.agentPid(live);
        assertEquals("UnsupportedOperation.InstanceStateFreezing",
                code(() -> cvm.ResetInstancesPassword(reset("Never#Set123", true, "ins-live0001", "ins-pin00003"))));
        assertEquals("InvalidInstanceId.NotFound",
                code(() -> cvm.ResetInstancesPassword(reset("Never#Set123", true, "ins-live0001", "ins-zzzz9999"))));
        assertEquals("InvalidInstanceId.NotFound", code(() -> CvmSdk.stop(cvm, "SOFT", "ins-live0001", "ins-zzzz9999")));
        assertEquals(pid, GuestChecks.agentPid(live), "the running guest was not stopped");
        assertTrue(GuestChecks.holds(live, "root", "Initial#Pass1"));
        Instance i = describe(cvm, "ins-live0001");
        assertEquals("RUNNING", i.getInstanceState());
        assertEquals(null, i.getLatestOperation());
    }

    @Test
    void anotherTenantsOrAnotherRegionsInstanceIsNotFound() {
        assertEquals("InvalidInstanceId.NotFound", code(() -> cvm.ResetInstancesPassword(reset("Never#Set123", true, "ins-other001"))));
        assertEquals("InvalidInstanceId.NotFound", code(() -> cvm.ResetInstancesPassword(reset("Never#Set123", true, "ins-shang001"))));
    }

    @Test
    void malformedIdsAreRefusedWithTheirTwoCodes() {
        assertEquals("InvalidInstanceId.Malformed", code(() -> cvm.ResetInstancesPassword(reset("Never#Set123", true, "ins-1122"))));
        assertEquals("InvalidParameterValue.InstanceIdMalformed",
                code(() -> cvm.ResetInstancesPassword(reset("Never#Set123", true, "i-1122abcd"))));
    }

    @Test
    void moreThanOneHundredIdsExceedTheLimitAndARepeatedIdIsAnInvalidValue() {
        String[] many = IntStream.range(0, 101).mapToObj("ins-%08d"::formatted).toArray(String[]::new);
        assertEquals("InvalidParameterValue.LimitExceeded", code(() -> cvm.ResetInstancesPassword(reset("Never#Set123", true, many))));
        assertEquals("InvalidParameterValue",
                code(() -> cvm.ResetInstancesPassword(reset("Never#Set123", true, "ins-live0001", "ins-live0001"))));
    }

    @Test
    void theUserNameIsAtMostSixtyFourCharactersOfAnAccountName() {
        var tooLong = reset("Never#Set123", true, "ins-live0001");
        tooLong.setUserName("u".repeat(65));
        assertEquals("InvalidParameterValue.TooLong", code(() -> cvm.ResetInstancesPassword(tooLong)));
        var blank = reset("Never#Set123", true, "ins-live0001");
        blank.setUserName("a b");
        assertEquals("InvalidParameterValue", code(() -> cvm.ResetInstancesPassword(blank)));
    }

    @Test
    void missingParametersWeakPasswordsAndForeignRegionsAreRefused() {
        assertEquals("MissingParameter", code(() -> cvm.ResetInstancesPassword(reset(null, true, "ins-live0001"))));
        assertEquals("MissingParameter", code(() -> cvm.ResetInstancesPassword(reset("Never#Set123", true))));
        assertEquals("InvalidParameterValue.InvalidPassword", code(() -> cvm.ResetInstancesPassword(reset("short", true, "ins-live0001"))));
        assertEquals("InvalidParameterValue.InvalidPassword",
                code(() -> cvm.ResetInstancesPassword(reset("/Slash#Start1", true, "ins-live0001"))));
        CvmClient mumbai = CvmSdk.client(rekey, "AKIDEXAMPLE", "SECRETEXAMPLE", "ap-mumbai");
        assertEquals("UnsupportedRegion", code(() -> mumbai.ResetInstancesPassword(reset("Never#Set123", true, "ins-live0001"))));
    }

    @Test
    void stopChecksItsParametersAndAChannelGuestsPowerIsOnlyModelled() throws Exception {
        var both = new StopInstancesRequest();
        both.setInstanceIds(new String[]{"ins-model001"});
        both.setForceStop(true);
        both.setStopType("HARD");
        assertEquals("InvalidParameterCombination", code(() -> cvm.StopInstances(both)));
        assertEquals("InvalidParameterValue", code(() -> CvmSdk.stop(cvm, "GENTLE", "ins-model001")));
        assertEquals("UnsupportedOperation.InstanceStateRescueMode", code(() -> CvmSdk.stop(cvm, "SOFT", "ins-pin00007")));
        assertEquals("UnsupportedOperation.InstanceStateFreezing", code(() -> CvmSdk.start(cvm, "ins-pin00003")));

        var stop = new StopInstancesRequest();
        stop.setInstanceIds(new String[]{"ins-model001"});
        stop.setStoppedMode("STOP_CHARGING");
        Instance stopped = awaitOutcome(cvm, cvm.StopInstances(stop).getRequestId(), "ins-model001").getFirst();
        assertEquals("STOPPED", stopped.getInstanceState());
        assertEquals("STOP_CHARGING", stopped.getStopChargingMode());
        assertEquals("StopInstances", stopped.getLatestOperation());
        Instance started = awaitOutcome(cvm, CvmSdk.start(cvm, "ins-model001"), "ins-model001").getFirst();
        assertEquals("RUNNING", started.getInstanceState());
        assertEquals("SUCCESS", started.getLatestOperationState());
    }

    @Test
    void describeInstancesFiltersPagesAndRefusesIdsTogetherWithFilters() throws Exception {
        var byState = new DescribeInstancesRequest();
        byState.setFilters(new Filter[]{filter("instance-state", "FREEZING", "RESCUE_MODE")});
        DescribeInstancesResponse frozen = cvm.DescribeInstances(byState);
        assertEquals(2, frozen.getTotalCount());
        assertEquals("ins-pin00003", frozen.getInstanceSet()[0].getInstanceId());

        var byName = new DescribeInstancesRequest();
        byName.setFilters(new Filter[]{filter("instance-name", "web server", "db/1"), filter("zone", "ap-guangzhou-1")});
        assertEquals(2, cvm.DescribeInstances(byName).getTotalCount());

        var page = new DescribeInstancesRequest();
        page.setOffset(2L);
        page.setLimit(3L);
        DescribeInstancesResponse third = cvm.DescribeInstances(page);
        assertEquals(2 + PINNED.size(), third.getTotalCount(), "acme's instances in ap-guangzhou, no other tenant's or region's");
        assertEquals(3, third.getInstanceSet().length);

        var both = new DescribeInstancesRequest();
        both.setInstanceIds(new String[]{"ins-live0001"});
        both.setFilters(new Filter[]{filter("instance-state", "RUNNING")});
        assertEquals("InvalidParameter", code(() -> cvm.DescribeInstances(both)));
        var tooMany = new DescribeInstancesRequest();
        tooMany.setLimit(101L);
        assertEquals("InvalidParameterValue.LimitExceeded", code(() -> cvm.DescribeInstances(tooMany)));
        var unknown = new DescribeInstancesRequest();
        unknown.setFilters(new Filter[]{filter("colour", "blue")});
        assertEquals("InvalidFilter", code(() -> cvm.DescribeInstances(unknown)));
        var foreign = new DescribeInstancesRequest();
        foreign.setInstanceIds(new String[]{"ins-other001"});
        assertEquals(0, cvm.DescribeInstances(foreign).getTotalCount());
    }

    @Test
    void describeInstancesStatusListsEachState() throws Exception {
        var req = new DescribeInstancesStatusRequest();
        req.setInstanceIds(new String[]{"ins-live0001", "ins-pin00009"});
        var set = cvm.DescribeInstancesStatus(req).getInstanceStatusSet();
        assertEquals("ins-live0001=RUNNING,ins-pin00009=SHUTDOWN", String.join(",", Arrays.stream(set)
                .map(s -> s.getInstanceId() + "=" + s.getInstanceState()).toList()));
    }

    @Test
    void legacySignaturesAndFlattenedParametersWorkAsWell() throws Exception {
        var legacy = new CvmClient(new com.tencentcloudapi.common.Credential("AKIDEXAMPLE", "SECRETEXAMPLE"),
                "ap-guangzhou", TencentClients.profile(rekey, "HmacSHA256", "GET"));
        assertEquals("UnsupportedOperation.InstanceStateFreezing",
                code(() -> legacy.ResetInstancesPassword(reset("Legacy#Pass1", true, "ins-live0001", "ins-pin00003"))));
        var byName = new DescribeInstancesRequest();
        byName.setFilters(new Filter[]{filter("instance-name", "web server")});
        assertEquals("ins-live0001", legacy.DescribeInstances(byName).getInstanceSet()[0].getInstanceId());
    }

    private static Filter filter(String name, String... values) {
        var f = new Filter();
        f.setName(name);
        f.setValues(values);
        return f;
    }
}
