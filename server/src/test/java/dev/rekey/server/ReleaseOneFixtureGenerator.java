package dev.rekey.server;

import com.tencentcloudapi.cvm.v20170312.CvmClient;
import com.tencentcloudapi.cvm.v20170312.models.Instance;
import com.tencentcloudapi.redis.v20180412.RedisClient;
import com.tencentcloudapi.redis.v20180412.models.DescribeInstancesRequest;
import com.tencentcloudapi.redis.v20180412.models.DescribeTaskInfoResponse;
import com.tencentcloudapi.redis.v20180412.models.InstanceSet;
import com.tencentcloudapi.redis.v20180412.models.ModifyInstancePasswordRequest;
import dev.rekey.core.SecretBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Tencent part of the upgrade fixture and its last step, run only by {@code scripts/make-upgrade-fixture.sh}
 * (which sets {@code rekey.fixture.work}): {@link #tencent} drives a running {@code rekey serve} through the official
 * SDK; {@link #record}, once that Rekey has stopped, merges every scenario's facts with what the store holds into
 * {@code expected.properties} and {@code EXPECTED.md}. Never part of the normal test run.
 */
@EnabledIfSystemProperty(named = "rekey.fixture.work", matches = ".+")
class ReleaseOneFixtureGenerator {
    static final String REDIS = "crs-upgrade1";
    static final String CVM = "ins-upgrade1";
    static final String INITIAL = "Initial#Pass1";
    static final String CHANGED = "Changed#Pass2";
    static final String NEVER_PERSISTED = "Lost#Pass3";
    static final String RESET = "Reset#Pass2026";

    private final Path work = Path.of(System.getProperty("rekey.fixture.work", "."));
    private final Map<String, String> facts = new TreeMap<>();

    @Test
    void tencent() throws Exception {
        String endpoint = Objects.requireNonNull(System.getProperty("rekey.fixture.endpoint"), "rekey.fixture.endpoint");
        RedisClient redis = TencentClients.redis(endpoint, "AKIDEXAMPLE", "SECRETEXAMPLE", "ap-guangzhou");
        recordTask("tencent-redis.task.succeeded", redis, change(redis, INITIAL, CHANGED), "succeed");
        recordTask("tencent-redis.task.failed", redis, changeThatCannotBePersisted(redis), "failed");
        InstanceSet i = describe(redis);
        assertTrue(RedisCli.accepts(i.getWanIp(), i.getPort().intValue(), CHANGED));
        assertFalse(RedisCli.accepts(i.getWanIp(), i.getPort().intValue(), NEVER_PERSISTED));
        assertFalse(RedisCli.accepts(i.getWanIp(), i.getPort().intValue(), INITIAL));
        facts.put("tencent-redis.id", REDIS);
        facts.put("tencent-redis.instance-name", i.getInstanceName());
        facts.put("tencent-redis.password", CHANGED);
        facts.put("tencent-redis.password.refused", INITIAL + "," + NEVER_PERSISTED);

        CvmClient cvm = CvmSdk.client(endpoint, "AKIDEXAMPLE", "SECRETEXAMPLE", "ap-guangzhou");
        var reset = CvmSdk.reset(RESET, true, CVM);
        reset.setUserName("root");
        String resetId = cvm.ResetInstancesPassword(reset).getRequestId();
        assertEquals("SUCCESS", CvmSdk.awaitOutcome(cvm, resetId, CVM).getFirst().getLatestOperationState());
        String stopId = CvmSdk.stop(cvm, "SOFT", CVM);
        Instance stopped = CvmSdk.awaitOutcome(cvm, stopId, CVM).getFirst();
        assertEquals("STOPPED", stopped.getInstanceState());
        Path guest = work.resolve("data/engines").resolve(CVM);
        assertFalse(GuestChecks.agentRuns(guest), "a stopped guest's agent does not run");
        assertTrue(GuestChecks.holds(guest, "root", RESET));
        assertTrue(GuestChecks.holds(guest, "ubuntu", INITIAL));
        recordCvm(resetId, stopped);
        UpgradeFixture.writeFacts(work.resolve("facts/tencent.properties"), facts);
    }

    private static long change(RedisClient redis, String old, String next) throws Exception {
        var req = new ModifyInstancePasswordRequest();
        req.setInstanceId(REDIS);
        req.setOldPassword(old);
        req.setPassword(next);
        return redis.ModifyInstancePassword(req).getTaskId();
    }

    /**
     * A change the engine takes but cannot save: users.acl is briefly a directory, so ACL SAVE fails (as on a full
     * or read-only disk; root ignores file modes). Release-1 restores the old password and fails the task; then the
     * file is put back, unchanged, since the failed change was never written.
     */
    private long changeThatCannotBePersisted(RedisClient redis) throws Exception {
        Path acl = work.resolve("data/engines").resolve(REDIS).resolve("users.acl");
        Path aside = acl.resolveSibling("users.acl.aside");
        Files.move(acl, aside);
        Files.createDirectory(acl);
        try {
            long id = change(redis, CHANGED, NEVER_PERSISTED);
            TencentRedisSdkTest.awaitTask(redis, id);
            return id;
        } finally {
            Files.delete(acl);
            Files.move(aside, acl);
        }
    }

    private void recordTask(String prefix, RedisClient redis, long id, String status) throws Exception {
        DescribeTaskInfoResponse task = TencentRedisSdkTest.awaitTask(redis, id);
        assertEquals(status, task.getStatus(), task.getTaskMessage());
        facts.put(prefix + ".id", Long.toString(id));
        facts.put(prefix + ".status", task.getStatus());
        facts.put(prefix + ".message", task.getTaskMessage());
        facts.put(prefix + ".type", task.getTaskType());
        facts.put(prefix + ".instance-id", task.getInstanceId());
        facts.put(prefix + ".start-time", task.getStartTime());
    }

    private static InstanceSet describe(RedisClient redis) throws Exception {
        var req = new DescribeInstancesRequest();
        req.setInstanceId(REDIS);
        InstanceSet[] set = redis.DescribeInstances(req).getInstanceSet();
        assertEquals(1, set.length);
        return set[0];
    }

    private void recordCvm(String resetId, Instance i) {
        facts.put("tencent-cvm.id", CVM);
        facts.put("tencent-cvm.reset.request-id", resetId);
        facts.put("tencent-cvm.instance-state", i.getInstanceState());
        facts.put("tencent-cvm.latest-operation", i.getLatestOperation());
        facts.put("tencent-cvm.latest-operation-state", i.getLatestOperationState());
        facts.put("tencent-cvm.latest-operation-request-id", i.getLatestOperationRequestId());
        facts.put("tencent-cvm.latest-operation-error-msg", Objects.toString(i.getLatestOperationErrorMsg(), ""));
        facts.put("tencent-cvm.stop-charging-mode", Objects.toString(i.getStopChargingMode(), ""));
        facts.put("tencent-cvm.instance-name", i.getInstanceName());
        facts.put("tencent-cvm.os-name", i.getOsName());
        facts.put("tencent-cvm.default-login-user", i.getDefaultLoginUser());
        facts.put("tencent-cvm.created-time", i.getCreatedTime());
        facts.put("tencent-cvm.password.root", RESET);
        facts.put("tencent-cvm.password.root.refused", INITIAL);
        facts.put("tencent-cvm.password.ubuntu", INITIAL);
    }

    /** After the Rekey has stopped: every scenario's facts, the store's rows and the key, in one file and its prose. */
    @Test
    void record() throws Exception {
        Path data = work.resolve("data");
        try (Stream<Path> files = Files.list(work.resolve("facts"))) {
            for (Path file : files.sorted().toList()) facts.putAll(UpgradeFixture.readFacts(Files.readString(file)));
        }
        facts.put("generated.release", Objects.requireNonNull(System.getProperty("rekey.fixture.release"), "rekey.fixture.release"));
        facts.put("generated.data-folder", data.toAbsolutePath().toString());
        facts.put("node-id", Files.readString(data.resolve("node-id")).strip());
        String fingerprint = new SecretBox(Base64.getDecoder().decode(Files.readString(data.resolve("master.key")).strip())).fingerprint();
        facts.put("master-key.fingerprint", fingerprint);
        // read-only: the file stays exactly as the release left it
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + data.toAbsolutePath().resolve("rekey") + ";ACCESS_MODE_DATA=r")) {
            assertEquals(fingerprint, single(c, "SELECT val FROM meta WHERE name = 'master-key-fingerprint'"),
                    "the store recorded the fingerprint of master.key");
            recordStore(c);
        }
        UpgradeFixture.writeFacts(work.resolve("expected.properties"), facts);
        Files.writeString(work.resolve("EXPECTED.md"), ExpectedMarkdown.render(facts));
    }

    /** Every task row and each instance's row as release-1's schema holds them (no password, no sealed secret). */
    private void recordStore(Connection c) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(
                "SELECT id, instance_id, kind, status, message, new_fingerprint, sealed_previous FROM task ORDER BY id")) {
            while (rs.next()) {
                String p = "store.task." + rs.getLong("id");
                facts.put(p + ".instance-id", rs.getString("instance_id"));
                facts.put(p + ".kind", rs.getString("kind"));
                facts.put(p + ".status", rs.getString("status"));
                facts.put(p + ".message", Objects.toString(rs.getString("message"), ""));
                // release-1 erases the sealed previous state when a task ends, but keeps the new password's SHA-256
                facts.put(p + ".new-fingerprint", Objects.toString(rs.getString("new_fingerprint"), ""));
                assertEquals(null, rs.getString("sealed_previous"), p + ": a finished task keeps no previous state");
            }
        }
        try (ResultSet rs = c.createStatement().executeQuery(
                "SELECT id, name, state, active_task, attributes, owner_node FROM instance ORDER BY id")) {
            while (rs.next()) {
                String p = "store.instance." + rs.getString("id");
                facts.put(p + ".name", rs.getString("name"));
                facts.put(p + ".state", rs.getString("state"));
                facts.put(p + ".active-task", Objects.toString(rs.getObject("active_task"), ""));
                facts.put(p + ".attributes", rs.getString("attributes"));
                facts.put(p + ".owner-node", Objects.toString(rs.getString("owner_node"), ""));
            }
        }
        facts.put("store.audit-entries", single(c, "SELECT COUNT(*) FROM audit"));
    }

    private static String single(Connection c, String sql) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }
}
