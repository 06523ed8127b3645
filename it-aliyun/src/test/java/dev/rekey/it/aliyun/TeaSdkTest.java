package dev.rekey.it.aliyun;

import com.aliyun.r_kvstore20150101.Client;
import com.aliyun.r_kvstore20150101.models.DescribeAccountsRequest;
import com.aliyun.r_kvstore20150101.models.DescribeInstanceAttributeRequest;
import com.aliyun.r_kvstore20150101.models.DescribeInstanceAttributeResponseBody.DescribeInstanceAttributeResponseBodyInstancesDBInstanceAttribute;
import com.aliyun.r_kvstore20150101.models.DescribeInstancesRequest;
import com.aliyun.r_kvstore20150101.models.ModifyAccountPasswordRequest;
import com.aliyun.r_kvstore20150101.models.ModifyInstanceAttributeRequest;
import com.aliyun.r_kvstore20150101.models.ResetAccountPasswordRequest;
import dev.rekey.server.TestRekey;
import dev.rekey.testkit.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.rekey.it.aliyun.AliyunFixture.DEAD;
import static dev.rekey.it.aliyun.AliyunFixture.INITIAL;
import static dev.rekey.it.aliyun.AliyunFixture.INSTANCE;
import static dev.rekey.it.aliyun.AliyunFixture.KEY_ID;
import static dev.rekey.it.aliyun.AliyunFixture.OTHERS;
import static dev.rekey.it.aliyun.AliyunFixture.SECRET;
import static dev.rekey.it.aliyun.AliyunFixture.redisAccepts;
import static dev.rekey.it.aliyun.AliyunFixture.teaError;
import static dev.rekey.it.aliyun.AliyunFixture.teaStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The current official SDK ({@code com.aliyun:r_kvstore20150101}, V3 ACS3-HMAC-SHA256 by default) against a running
 * Rekey whose instance is a real, spawned redis-server. The tests run in order on one Rekey and keep track of the
 * password each leaves behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TeaSdkTest {
    @TempDir
    static Path dir;
    static TestRekey rekey;
    static Client client;
    static String current = INITIAL;

    @BeforeAll
    static void start() throws Exception {
        rekey = TestRekey.start(dir, AliyunFixture.yaml(AliyunFixture.UNTHROTTLED));
        client = AliyunFixture.tea(rekey, KEY_ID, SECRET, null);
    }

    @AfterAll
    static void stop() {
        if (rekey != null) rekey.close();
    }

    static DescribeInstanceAttributeResponseBodyInstancesDBInstanceAttribute attribute(String id) throws Exception {
        var list = client.describeInstanceAttribute(new DescribeInstanceAttributeRequest().setInstanceId(id))
                .getBody().getInstances().getDBInstanceAttribute();
        assertEquals(1, list.size());
        return list.get(0);
    }

    /** Statuses seen from the call's return until the instance is Normal again; all but the last are Changing. */
    static List<String> statusesUntilNormal() throws Exception {
        var seen = new ArrayList<String>();
        return Await.value("the change finishes and the instance is Normal again", Duration.ofSeconds(10), () -> {
            String status = attribute(INSTANCE).getInstanceStatus();
            seen.add(status);
            if (status.equals("Normal")) return Optional.of(seen);
            assertEquals("Changing", status, "statuses seen: " + seen);
            return Optional.empty();
        });
    }

    static void modify(ModifyInstanceAttributeRequest request) throws Exception {
        var response = client.modifyInstanceAttribute(request.setInstanceId(request.getInstanceId() == null ? INSTANCE : request.getInstanceId()));
        assertEquals(200, response.getStatusCode());
        assertFalse(response.getBody().getRequestId().isEmpty());
    }

    static void assertPassword(String expected, String refused) throws Exception {
        var i = attribute(INSTANCE);
        assertTrue(redisAccepts(i.getConnectionDomain(), i.getPort(), expected), "redis-cli logs in with the new password");
        if (refused != null) assertFalse(redisAccepts(i.getConnectionDomain(), i.getPort(), refused), "the old one is refused");
    }

    static int auditSize() {
        return rekey.rekey().stores().audit().recent(10_000).size();
    }

    /** Changes started: every refused attempt is audited too, so the audit's size no longer counts only those. */
    static long startedSize() {
        return rekey.rekey().stores().audit().recent(10_000).stream()
                .filter(e -> e.outcome() != null && e.outcome().contains("accepted operation")).count();
    }

    @Test
    @Order(1)
    void describeInstanceAttributeShowsTheRealEngineNameAndStatus() throws Exception {
        var i = attribute(INSTANCE);
        assertEquals(INSTANCE, i.getInstanceId());
        assertEquals("orders-cache", i.getInstanceName());
        assertEquals("Normal", i.getInstanceStatus());
        assertFalse(i.getInstanceReleaseProtection());
        assertEquals("127.0.0.1", i.getConnectionDomain());
        assertTrue(i.getPort() > 0);
        assertEquals("Redis", i.getEngine());
        assertTrue(i.getEngineVersion().matches("\\d+\\.\\d+"), i.getEngineVersion());
        assertEquals("cn-hangzhou", i.getRegionId());
        assertEquals("false", i.getHasRenewChangeOrder());
        assertEquals(0, i.getTags().getTag().size());
        assertTrue(redisAccepts(i.getConnectionDomain(), i.getPort(), INITIAL));
    }

    @Test
    @Order(2)
    void describeInstancesListsTheTenantsInstancesFilteredAndPaged() throws Exception {
        var all = client.describeInstances(new DescribeInstancesRequest()).getBody();
        assertEquals(2, all.getTotalCount(), "this tenant's two instances, not the other tenant's");
        assertEquals(1, all.getPageNumber());
        var ids = all.getInstances().getKVStoreInstance().stream().map(k -> k.getInstanceId()).toList();
        assertEquals(List.of(INSTANCE, DEAD), ids);

        var hangzhou = client.describeInstances(new DescribeInstancesRequest().setRegionId("cn-hangzhou")).getBody();
        assertEquals(1, hangzhou.getTotalCount());
        var k = hangzhou.getInstances().getKVStoreInstance().get(0);
        assertEquals("orders-cache", k.getInstanceName());
        assertEquals("Normal", k.getInstanceStatus());
        assertEquals(attribute(INSTANCE).getPort(), k.getPort());
        assertEquals("127.0.0.1", k.getConnectionDomain());

        assertEquals(1, client.describeInstances(new DescribeInstancesRequest().setSearchKey("DEAD")).getBody().getTotalCount());
        assertEquals(1, client.describeInstances(new DescribeInstancesRequest().setInstanceIds(INSTANCE + "," + OTHERS)).getBody().getTotalCount());
        var page2 = client.describeInstances(new DescribeInstancesRequest().setPageSize(1).setPageNumber(2)).getBody();
        assertEquals(2, page2.getTotalCount());
        assertEquals(DEAD, page2.getInstances().getKVStoreInstance().get(0).getInstanceId());
        var tagged = client.describeInstances(new DescribeInstancesRequest().setTag(List.of(
                new DescribeInstancesRequest.DescribeInstancesRequestTag().setKey("env").setValue("dev")))).getBody();
        assertEquals(0, tagged.getTotalCount());
        assertEquals(0, tagged.getInstances().getKVStoreInstance().size(), "an empty page is an empty array");
    }

    @Test
    @Order(3)
    void aNewNameIsStoredAndShownAtOnce() throws Exception {
        modify(new ModifyInstanceAttributeRequest().setInstanceName("Orders-Cache_2.0~(blue)"));
        assertEquals("Orders-Cache_2.0~(blue)", attribute(INSTANCE).getInstanceName());
        assertEquals("Normal", attribute(INSTANCE).getInstanceStatus(), "a rename starts no task");
        modify(new ModifyInstanceAttributeRequest().setInstanceName("订单缓存"));
        assertEquals("订单缓存", attribute(INSTANCE).getInstanceName());
    }

    @Test
    @Order(4)
    void releaseProtectionIsStoredAndShown() throws Exception {
        modify(new ModifyInstanceAttributeRequest().setInstanceReleaseProtection(true));
        assertTrue(attribute(INSTANCE).getInstanceReleaseProtection());
        modify(new ModifyInstanceAttributeRequest().setInstanceReleaseProtection(false));
        assertFalse(attribute(INSTANCE).getInstanceReleaseProtection());
        modify(new ModifyInstanceAttributeRequest().setInstanceReleaseProtection(true));
        assertTrue(attribute(INSTANCE).getInstanceReleaseProtection());
    }

    @Test
    @Order(5)
    void aNewPasswordShowsChangingUntilTheRealRedisHasVerifiedIt() throws Exception {
        // The change is verified within milliseconds, so a describe right after the call may already miss the
        // Changing state on a busy machine: up to five changes give it five chances, each one checked on Redis.
        boolean sawChanging = false;
        for (int attempt = 0; attempt < 5 && !sawChanging; attempt++) {
            String next = "uW8+nsr" + (char) ('a' + attempt);
            modify(new ModifyInstanceAttributeRequest().setNewPassword(next));
            List<String> seen = statusesUntilNormal();
            sawChanging = seen.get(0).equals("Changing");
            assertPassword(next, current);
            current = next;
        }
        assertTrue(sawChanging, "the call answers once accepted, before the engine is verified");
    }

    @Test
    @Order(6)
    void nameProtectionAndPasswordChangeInOneCall() throws Exception {
        String next = "Ab1!#$%^&*()_+-=";
        modify(new ModifyInstanceAttributeRequest().setInstanceName("orders-cache").setNewPassword(next)
                .setInstanceReleaseProtection(false));
        statusesUntilNormal();
        var i = attribute(INSTANCE);
        assertEquals("orders-cache", i.getInstanceName());
        assertFalse(i.getInstanceReleaseProtection());
        assertPassword(next, current);
        current = next;
    }

    @Test
    @Order(7)
    void everyBrokenNameRuleIsInvalidInstanceNameMalformedAndChangesNothing() throws Exception {
        List<String> bad = new ArrayList<>(List.of("", "x", "1orders", "-orders", "orders cache", "a".repeat(129)));
        for (char c : "@/:=\"<>{[]}".toCharArray()) bad.add("orders" + c + "cache");
        for (String name : bad) {
            assertEquals("InvalidInstanceName.Malformed", teaError(() -> client.modifyInstanceAttribute(
                    new ModifyInstanceAttributeRequest().setInstanceId(INSTANCE).setInstanceName(name).setNewPassword("Never#Set1"))), name);
        }
        assertEquals("orders-cache", attribute(INSTANCE).getInstanceName());
        modify(new ModifyInstanceAttributeRequest().setInstanceName("ab"));
        modify(new ModifyInstanceAttributeRequest().setInstanceName("a".repeat(128)));
        assertEquals(128, attribute(INSTANCE).getInstanceName().length());
        modify(new ModifyInstanceAttributeRequest().setInstanceName("orders-cache"));
        assertPassword(current, null);
    }

    @Test
    @Order(8)
    void everyBrokenPasswordRuleIsInvalidPasswordMalformedAndChangesNothing() throws Exception {
        long started = startedSize();
        for (String pw : List.of("", "Ab1#xyz", "Ab1#" + "x".repeat(29), "abcdefgh1", "ABCDEFGH#", "abcdEFGHij",
                "Abcdef1@", "Abcdef1 x", "Abcdef1~", "Abcdef1.", "Abcdéf1!")) {
            assertEquals("InvalidPassword.Malformed", teaError(() -> client.modifyInstanceAttribute(
                    new ModifyInstanceAttributeRequest().setInstanceId(INSTANCE).setNewPassword(pw).setInstanceName("renamed"))), pw);
        }
        assertEquals(400, teaStatus(() -> client.modifyInstanceAttribute(
                new ModifyInstanceAttributeRequest().setInstanceId(INSTANCE).setNewPassword("short"))));
        assertEquals("orders-cache", attribute(INSTANCE).getInstanceName(), "a refused password leaves the name as it was");
        assertEquals(started, startedSize(), "nothing was started");
        assertPassword(current, null);
        String longest = "Aa1#" + "x".repeat(28);
        modify(new ModifyInstanceAttributeRequest().setNewPassword(longest));
        statusesUntilNormal();
        assertPassword(longest, current);
        current = longest;
    }

    @Test
    @Order(9)
    void noAttributeAtAllIsMissingParameter() {
        assertEquals("MissingParameter", teaError(() -> client.modifyInstanceAttribute(
                new ModifyInstanceAttributeRequest().setInstanceId(INSTANCE))));
        assertEquals(400, teaStatus(() -> client.modifyInstanceAttribute(new ModifyInstanceAttributeRequest().setInstanceId(INSTANCE))));
    }

    @Test
    @Order(10)
    void valuesEqualToTheCurrentOnesSucceedAndChangeNothing() throws Exception {
        int audited = auditSize();
        modify(new ModifyInstanceAttributeRequest().setInstanceName("orders-cache").setNewPassword(current)
                .setInstanceReleaseProtection(false));
        assertEquals("Normal", attribute(INSTANCE).getInstanceStatus(), "no task was started");
        assertEquals(audited, auditSize(), "nothing was changed, so nothing was audited");
        assertPassword(current, null);
    }

    @Test
    @Order(11)
    void anUnknownInstanceAndAnotherTenantsLookTheSame() {
        for (String id : List.of("r-nosuch000", OTHERS)) {
            assertEquals("InvalidInstanceId.NotFound", teaError(() -> client.modifyInstanceAttribute(
                    new ModifyInstanceAttributeRequest().setInstanceId(id).setNewPassword("Stolen#Pass1"))), id);
            assertEquals(404, teaStatus(() -> client.modifyInstanceAttribute(
                    new ModifyInstanceAttributeRequest().setInstanceId(id).setInstanceName("stolen"))), id);
            assertEquals("InvalidInstanceId.NotFound", teaError(() -> client.describeInstanceAttribute(
                    new DescribeInstanceAttributeRequest().setInstanceId(id))), id);
            assertEquals("InvalidInstanceId.NotFound", teaError(() -> client.describeAccounts(
                    new DescribeAccountsRequest().setInstanceId(id))), id);
            assertEquals("InvalidInstanceId.NotFound", teaError(() -> client.resetAccountPassword(
                    new ResetAccountPasswordRequest().setInstanceId(id).setAccountName(id).setAccountPassword("Stolen#Pass1"))), id);
        }
    }

    @Test
    @Order(12)
    void aPasswordChangeOnAnEngineThatDoesNotAnswerIsIncorrectDBInstanceState() throws Exception {
        var request = new ModifyInstanceAttributeRequest().setInstanceId(DEAD).setNewPassword("Dead#Pass12").setInstanceName("renamed");
        assertEquals("IncorrectDBInstanceState", teaError(() -> client.modifyInstanceAttribute(request)));
        assertEquals(403, teaStatus(() -> client.modifyInstanceAttribute(request)));
        assertEquals("dead-cache", attribute(DEAD).getInstanceName(), "nothing was changed");
        assertEquals("Normal", attribute(DEAD).getInstanceStatus());
    }

    @Test
    @Order(13)
    void aWriteWhileAChangeIsApplyingIsTaskExists() throws Exception {
        var accepted = ConcurrentHashMap.<String>newKeySet();
        var answers = new ArrayList<Future<String>>();
        var go = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int n = 0; n < 8; n++) {
                String pw = "Concurrent#" + n + "x";
                answers.add(pool.submit(() -> {
                    go.await();
                    try {
                        client.modifyInstanceAttribute(new ModifyInstanceAttributeRequest().setInstanceId(INSTANCE).setNewPassword(pw));
                        accepted.add(pw);
                        return "accepted";
                    } catch (Exception e) {
                        return teaError(() -> {
                            throw e;
                        });
                    }
                }));
            }
            go.countDown();
        }
        int taskExists = 0;
        for (var a : answers) {
            String answer = a.get();
            if (answer.equals("TaskExists")) taskExists++;
            else assertEquals("accepted", answer);
        }
        assertFalse(accepted.isEmpty(), "at least one change is accepted");
        assertTrue(taskExists > 0, "changes that overlap a running one are refused");
        statusesUntilNormal();
        var i = attribute(INSTANCE);
        String holder = null;
        for (String pw : accepted) {
            if (redisAccepts(i.getConnectionDomain(), i.getPort(), pw)) {
                assertEquals(null, holder, "exactly one password is in force");
                holder = pw;
            }
        }
        assertTrue(holder != null, "one of the accepted passwords is in force");
        current = holder;
    }

    @Test
    @Order(14)
    void aWrongSecretAndAnUnknownKeyAreRefused() {
        var request = new DescribeInstanceAttributeRequest().setInstanceId(INSTANCE);
        var wrongSecret = AliyunFixture.tea(rekey, KEY_ID, "not-the-secret", null);
        assertEquals("SignatureDoesNotMatch", teaError(() -> wrongSecret.describeInstanceAttribute(request)));
        assertEquals(400, teaStatus(() -> wrongSecret.describeInstanceAttribute(request)));
        var unknown = AliyunFixture.tea(rekey, "nobody", SECRET, null);
        assertEquals("InvalidAccessKeyId.NotFound", teaError(() -> unknown.describeInstanceAttribute(request)));
        assertEquals(404, teaStatus(() -> unknown.describeInstanceAttribute(request)));
        var wrongV1 = AliyunFixture.tea(rekey, KEY_ID, "not-the-secret", "v2");
        assertEquals("SignatureDoesNotMatch", teaError(() -> wrongV1.describeInstanceAttribute(request)));
    }

    @Test
    @Order(15)
    void theSdksLegacyV1PathWorksIncludingAnEmptyParameterItDoesNotSign() throws Exception {
        var v1 = AliyunFixture.tea(rekey, KEY_ID, SECRET, "v2");
        v1.modifyInstanceAttribute(new ModifyInstanceAttributeRequest().setInstanceId(INSTANCE).setInstanceName("via-v1"));
        assertEquals("via-v1", attribute(INSTANCE).getInstanceName());
        assertEquals("InvalidInstanceName.Malformed", teaError(() -> v1.modifyInstanceAttribute(
                new ModifyInstanceAttributeRequest().setInstanceId(INSTANCE).setInstanceName(""))));
        v1.modifyInstanceAttribute(new ModifyInstanceAttributeRequest().setInstanceId(INSTANCE).setInstanceName("orders-cache"));
    }

    @Test
    @Order(16)
    void describeAccountsShowsTheDefaultAccountNamedAfterTheInstance() throws Exception {
        var accounts = client.describeAccounts(new DescribeAccountsRequest().setInstanceId(INSTANCE)).getBody().getAccounts().getAccount();
        assertEquals(1, accounts.size());
        var a = accounts.get(0);
        assertEquals(INSTANCE, a.getAccountName());
        assertEquals(INSTANCE, a.getInstanceId());
        assertEquals("Available", a.getAccountStatus());
        assertEquals("RoleReadWrite", a.getDatabasePrivileges().getDatabasePrivilege().get(0).getAccountPrivilege());
        assertEquals(1, client.describeAccounts(new DescribeAccountsRequest().setInstanceId(INSTANCE).setAccountName(INSTANCE))
                .getBody().getAccounts().getAccount().size());
        assertEquals("InvalidAccountName.NotFound", teaError(() -> client.describeAccounts(
                new DescribeAccountsRequest().setInstanceId(INSTANCE).setAccountName("demoaccount"))));
    }

    @Test
    @Order(17)
    void resetAccountPasswordSetsTheDefaultUsersPasswordBeforeItAnswers() throws Exception {
        String next = "Reset@Pass1";
        client.resetAccountPassword(new ResetAccountPasswordRequest().setInstanceId(INSTANCE).setAccountName(INSTANCE).setAccountPassword(next));
        assertEquals("Normal", attribute(INSTANCE).getInstanceStatus(), "the account actions answer once verified");
        assertPassword(next, current);
        current = next;
    }

    @Test
    @Order(18)
    void modifyAccountPasswordNeedsTheRightOldPassword() throws Exception {
        String next = "Modify@Pass2";
        assertEquals("InvalidOldAccountPassword", teaError(() -> client.modifyAccountPassword(new ModifyAccountPasswordRequest()
                .setInstanceId(INSTANCE).setAccountName(INSTANCE).setOldAccountPassword("Wrong#Pass1").setNewAccountPassword(next))));
        assertEquals(400, teaStatus(() -> client.modifyAccountPassword(new ModifyAccountPasswordRequest()
                .setInstanceId(INSTANCE).setAccountName(INSTANCE).setOldAccountPassword("Wrong#Pass1").setNewAccountPassword(next))));
        assertPassword(current, null);
        client.modifyAccountPassword(new ModifyAccountPasswordRequest()
                .setInstanceId(INSTANCE).setAccountName(INSTANCE).setOldAccountPassword(current).setNewAccountPassword(next));
        assertPassword(next, current);
        current = next;
    }

    @Test
    @Order(19)
    void accountActionsKnowOnlyTheDefaultAccountAndTheirOwnPasswordRule() throws Exception {
        assertEquals("InvalidAccountName.NotFound", teaError(() -> client.resetAccountPassword(new ResetAccountPasswordRequest()
                .setInstanceId(INSTANCE).setAccountName("default").setAccountPassword("Reset@Pass9"))));
        assertEquals(404, teaStatus(() -> client.modifyAccountPassword(new ModifyAccountPasswordRequest()
                .setInstanceId(INSTANCE).setAccountName("demoaccount").setOldAccountPassword(current).setNewAccountPassword("Reset@Pass9"))));
        for (String pw : List.of("short1!", "abcdefgh1", "Abcdef1~", "Aa1@" + "x".repeat(29))) {
            assertEquals("InvalidAccountPassword.Format", teaError(() -> client.resetAccountPassword(new ResetAccountPasswordRequest()
                    .setInstanceId(INSTANCE).setAccountName(INSTANCE).setAccountPassword(pw))), pw);
            assertEquals("InvalidAccountPassword.Format", teaError(() -> client.modifyAccountPassword(new ModifyAccountPasswordRequest()
                    .setInstanceId(INSTANCE).setAccountName(INSTANCE).setOldAccountPassword(current).setNewAccountPassword(pw))), pw);
        }
        assertEquals("MissingParameter", teaError(() -> client.modifyAccountPassword(new ModifyAccountPasswordRequest()
                .setInstanceId(INSTANCE).setAccountName(INSTANCE).setNewAccountPassword("Reset@Pass9"))));
        assertPassword(current, null);
    }

    @Test
    @Order(20)
    void nameAndReleaseProtectionSurviveARestart() throws Exception {
        modify(new ModifyInstanceAttributeRequest().setInstanceName("kept-name").setInstanceReleaseProtection(true));
        rekey.stop();
        rekey.startAgain();
        client = AliyunFixture.tea(rekey, KEY_ID, SECRET, null);
        var i = attribute(INSTANCE);
        assertEquals("kept-name", i.getInstanceName());
        assertTrue(i.getInstanceReleaseProtection());
        assertPassword(current, INITIAL);
    }
}
