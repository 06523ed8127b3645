package dev.rekey.server;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tencentcloudapi.cvm.v20170312.CvmClient;
import com.tencentcloudapi.cvm.v20170312.models.Instance;
import com.tencentcloudapi.redis.v20180412.RedisClient;
import com.tencentcloudapi.redis.v20180412.models.DescribeInstancesRequest;
import com.tencentcloudapi.redis.v20180412.models.DescribeTaskInfoRequest;
import com.tencentcloudapi.redis.v20180412.models.DescribeTaskInfoResponse;
import com.tencentcloudapi.redis.v20180412.models.InstanceSet;
import dev.rekey.core.Secret;
import dev.rekey.core.SecretBox;
import dev.rekey.core.Operation;
import dev.rekey.core.OperationKind;
import dev.rekey.core.OperationState;
import dev.rekey.engines.memcached.MemcachedTextClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The data folder release-1 wrote (src/test/resources/upgrade/release-1, see its EXPECTED.md) starts on the code under
 * test, and every task, password, counter and state it recorded reads back as it was left: through the Tencent SDK,
 * from the engines themselves, and from the store for what no API shows. The Huawei and Aliyun API facts are checked
 * by ReleaseOneDcsDataFolderTest (it-huawei) and ReleaseOneAliyunDataFolderTest (it-aliyun): their SDKs cannot share
 * this class path. The tests run in order on one Rekey; the last ones start the stopped guest and restart Rekey.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReleaseOneDataFolderTest {
    static final UpgradeFixture FIXTURE = UpgradeFixture.releaseOne();
    static final String CVM = FIXTURE.expect("tencent-cvm.id");

    @TempDir
    static Path dir;
    static TestRekey rekey;

    @BeforeAll
    static void start() throws Exception {
        rekey = FIXTURE.start(dir);
    }

    @AfterAll
    static void stop() {
        if (rekey != null) rekey.close();
    }

    static RedisClient redis() {
        return TencentClients.redis(rekey.endpoint(), "AKIDEXAMPLE", "SECRETEXAMPLE", "ap-guangzhou");
    }

    static CvmClient cvm() {
        return CvmSdk.client(rekey, "AKIDEXAMPLE", "SECRETEXAMPLE", "ap-guangzhou");
    }

    @Test
    @Order(1)
    void theMasterKeyAndTheNodeAreTheOnesTheFolderWasWrittenWith() throws Exception {
        String key = Files.readString(dir.resolve("data/master.key")).strip();
        assertEquals(FIXTURE.expect("master-key.fingerprint"), new SecretBox(Base64.getDecoder().decode(key)).fingerprint());
        assertEquals(FIXTURE.expect("node-id"), Files.readString(dir.resolve("data/node-id")).strip());
    }

    @Test
    @Order(2)
    void theTencentRedisTasksReadBackThroughDescribeTaskInfo() throws Exception {
        for (String which : List.of("succeeded", "failed")) {
            String p = "tencent-redis.task." + which;
            var req = new DescribeTaskInfoRequest();
            req.setTaskId(Long.parseLong(FIXTURE.expect(p + ".id")));
            DescribeTaskInfoResponse task = redis().DescribeTaskInfo(req);
            assertEquals(FIXTURE.expect(p + ".status"), task.getStatus(), p);
            assertEquals(FIXTURE.expect(p + ".message"), task.getTaskMessage(), p);
            assertEquals(FIXTURE.expect(p + ".type"), task.getTaskType(), p);
            assertEquals(FIXTURE.expect(p + ".instance-id"), task.getInstanceId(), p);
            assertEquals(FIXTURE.expect(p + ".start-time"), task.getStartTime(), p);
        }
    }

    @Test
    @Order(3)
    void everyRedisAndTheMemcachedHoldThePasswordsTheyWereLeftWith() throws Exception {
        var req = new DescribeInstancesRequest();
        req.setInstanceId(FIXTURE.expect("tencent-redis.id"));
        InstanceSet tencent = redis().DescribeInstances(req).getInstanceSet()[0];
        assertEquals(FIXTURE.expect("tencent-redis.instance-name"), tencent.getInstanceName());
        assertRedisPasswords("tencent-redis", tencent.getWanIp(), tencent.getPort().intValue());
        for (String product : List.of("huawei-dcs-redis", "aliyun-redis")) {
            dev.rekey.core.Instance i = storedInstance(FIXTURE.expect(product + ".id"));
            assertRedisPasswords(product, i.host(), i.port());
        }
        dev.rekey.core.Instance memcached = storedInstance(FIXTURE.expect("huawei-dcs-memcached.id"));
        String user = FIXTURE.expect("huawei-dcs-memcached.user");
        assertTrue(memcachedAccepts(memcached, user, FIXTURE.expect("huawei-dcs-memcached.password")));
        assertFalse(memcachedAccepts(memcached, user, FIXTURE.expect("huawei-dcs-memcached.password.refused")));
    }

    private static void assertRedisPasswords(String product, String host, int port) throws Exception {
        assertTrue(RedisCli.accepts(host, port, FIXTURE.expect(product + ".password")), product + " holds its password");
        String refused = FIXTURE.expect(product + ".password.refused");
        for (String old : refused.split(",")) assertFalse(RedisCli.accepts(host, port, old), product + " refuses " + old);
    }

    private static boolean memcachedAccepts(dev.rekey.core.Instance i, String user, String password) throws Exception {
        try (var client = MemcachedTextClient.connect(i.host(), i.port())) {
            return client.authenticate(user, Secret.of(password)).equals(MemcachedTextClient.STORED);
        }
    }

    /** The instance as the store holds it now (its typed facts and engine address). */
    private static dev.rekey.core.Instance storedInstance(String id) {
        return rekey.rekey().stores().instances().find(id).orElseThrow(() -> new AssertionError("no instance " + id));
    }

    /** The recorded rows of one table: "store.task.1001", ... (each row records a {@code column}). */
    private static List<String> recordedRows(String table, String column) {
        String prefix = "store." + table + ".";
        String suffix = "." + column;
        return FIXTURE.keys(prefix).stream().filter(k -> k.endsWith(suffix))
                .map(k -> k.substring(0, k.length() - suffix.length())).toList();
    }

    @Test
    @Order(4)
    void everyTaskIsAnOperationWithItsIdStateAndMessageAndNoFingerprintLeft() {
        var operations = rekey.rekey().stores().operations();
        var perInstance = new HashMap<String, Integer>();
        for (String p : recordedRows("task", "status")) {
            long id = Long.parseLong(p.substring("store.task.".length()));
            Operation op = operations.find(id).orElseThrow(() -> new AssertionError("no operation " + id));
            assertEquals(switch (FIXTURE.expect(p + ".status")) {
                case "SUCCEED" -> OperationState.SUCCEEDED;
                case "FAILED" -> OperationState.FAILED;
                default -> throw new AssertionError("the fixture holds only finished tasks");
            }, op.state(), p);
            assertEquals(OperationKind.ENGINE_PASSWORD, op.kind(), p);
            assertEquals(FIXTURE.expect(p + ".kind"), op.action(), p);
            assertEquals(FIXTURE.expect(p + ".instance-id"), op.instanceId(), p);
            assertEquals(FIXTURE.expect(p + ".message"), Objects.toString(op.result().message(), ""), p);
            assertNull(op.work().newFingerprint(), p + ": a finished operation keeps no fingerprint of its password");
            assertNull(op.work().sealedPrevious(), p);
            perInstance.merge(op.instanceId(), 1, Integer::sum);
        }
        perInstance.forEach((instance, count) -> assertEquals((long) count, operations.ofInstance(instance, 100).stream()
                .filter(o -> o.kind() == OperationKind.ENGINE_PASSWORD).count(), instance + ": no operation more or less than recorded"));
    }

    /**
     * Each first-release attribute is a typed fact now: the lockout count its own row, flags and versions columns, the
     * CVM state a column and its latest operation an operation row.
     */
    @Test
    @Order(4)
    void everyInstanceAttributeIsATypedFactNow() throws Exception {
        var mapper = new ObjectMapper();
        var instances = rekey.rekey().stores().instances();
        for (String p : recordedRows("instance", "attributes")) {
            String id = p.substring("store.instance.".length());
            dev.rekey.core.Instance i = storedInstance(id);
            Map<String, String> recorded = mapper.readValue(FIXTURE.expect(p + ".attributes"), new TypeReference<>() {
            });
            assertEquals(FIXTURE.expect(p + ".name"), i.name(), p);
            assertEquals(FIXTURE.expect(p + ".state"), i.state().name(), p);
            assertEquals(!FIXTURE.expect(p + ".active-task").isEmpty(), i.busy(), p);
            assertEquals(Integer.parseInt(recorded.getOrDefault("lockout-failures", "0")), instances.lockout(id).failures(), p);
            assertEquals(Boolean.parseBoolean(recorded.get("release-protection")), i.releaseProtection(), p);
            assertEquals(Boolean.parseBoolean(recorded.get("password-free")), i.passwordFree(), p);
            String account = recorded.getOrDefault("account", "");
            if (i.product() != dev.rekey.core.Product.TENCENT_CVM) assertEquals(account, i.account(), p);
            if (i.cvm() != null) {
                assertEquals(recorded.get("instance-state"), i.cvm().state().name(), p);
                assertEquals(recorded.get("stop-charging-mode"), i.cvm().stopChargingMode(), p);
                assertEquals(recorded.get("image"), i.cvm().image(), p);
                assertEquals("windows".equals(recorded.get("os")), i.cvm().windows(), p);
                assertEquals(recorded.get("latest-operation"), i.latest().action(), p);
                assertEquals(recorded.get("latest-operation-state"), i.latest().state().name(), p);
                assertEquals(recorded.get("latest-operation-request-id"), i.latest().requestId(), p);
            }
        }
    }

    @Test
    @Order(5)
    void theCvmInstanceIsStillStoppedWithItsLatestOperationAndItsGuestsPasswords() throws Exception {
        Instance i = CvmSdk.describe(cvm(), CVM);
        assertEquals(FIXTURE.expect("tencent-cvm.instance-state"), i.getInstanceState());
        assertEquals(FIXTURE.expect("tencent-cvm.latest-operation"), i.getLatestOperation());
        assertEquals(FIXTURE.expect("tencent-cvm.latest-operation-state"), i.getLatestOperationState());
        assertEquals(FIXTURE.expect("tencent-cvm.latest-operation-request-id"), i.getLatestOperationRequestId());
        assertEquals(FIXTURE.expect("tencent-cvm.latest-operation-error-msg"), Objects.toString(i.getLatestOperationErrorMsg(), ""));
        assertEquals(FIXTURE.expect("tencent-cvm.stop-charging-mode"), Objects.toString(i.getStopChargingMode(), ""));
        assertEquals(FIXTURE.expect("tencent-cvm.instance-name"), i.getInstanceName());
        assertEquals(FIXTURE.expect("tencent-cvm.os-name"), i.getOsName());
        assertEquals(FIXTURE.expect("tencent-cvm.default-login-user"), i.getDefaultLoginUser());
        assertEquals(FIXTURE.expect("tencent-cvm.created-time"), i.getCreatedTime());
        Path guest = GuestChecks.guestDir(rekey, CVM);
        assertFalse(GuestChecks.agentRuns(guest), "a stopped instance's agent stays stopped across the restart");
        assertTrue(GuestChecks.holds(guest, "root", FIXTURE.expect("tencent-cvm.password.root")));
        assertFalse(GuestChecks.holds(guest, "root", FIXTURE.expect("tencent-cvm.password.root.refused")));
        assertTrue(GuestChecks.holds(guest, "ubuntu", FIXTURE.expect("tencent-cvm.password.ubuntu")));
    }

    @Test
    @Order(6)
    void theStoppedGuestStartsAgainAndLogsInWithItsResetPassword() throws Exception {
        CvmClient cvm = cvm();
        Instance started = CvmSdk.awaitOutcome(cvm, CvmSdk.start(cvm, CVM), CVM).getFirst();
        assertEquals("RUNNING", started.getInstanceState(), CvmSdk.states(List.of(started)));
        Path guest = GuestChecks.guestDir(rekey, CVM);
        assertTrue(GuestChecks.suAccepts(guest, "root", FIXTURE.expect("tencent-cvm.password.root")));
        assertFalse(GuestChecks.suAccepts(guest, "root", FIXTURE.expect("tencent-cvm.password.root.refused")));
        assertTrue(GuestChecks.suAccepts(guest, "ubuntu", FIXTURE.expect("tencent-cvm.password.ubuntu")));
    }

    @Test
    @Order(7)
    void theStoreStillRefusesAnyOtherMasterKey() throws Exception {
        Path keyFile = dir.resolve("data/master.key");
        String key = Files.readString(keyFile);
        rekey.stop();
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(SecretBox.newKey()) + "\n");
        try {
            var refused = assertThrows(IllegalStateException.class, rekey::startAgain);
            assertTrue(refused.getMessage().contains(FIXTURE.expect("master-key.fingerprint")), refused.getMessage());
        } finally {
            Files.writeString(keyFile, key);
        }
        rekey.startAgain();
        assertEquals(FIXTURE.expect("tencent-redis.task.failed.status"), redis().DescribeTaskInfo(taskInfo("failed")).getStatus());
    }

    private static DescribeTaskInfoRequest taskInfo(String which) {
        var req = new DescribeTaskInfoRequest();
        req.setTaskId(Long.parseLong(FIXTURE.expect("tencent-redis.task." + which + ".id")));
        return req;
    }
}
