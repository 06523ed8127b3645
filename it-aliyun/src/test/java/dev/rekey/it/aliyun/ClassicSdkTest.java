package dev.rekey.it.aliyun;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.http.FormatType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.r_kvstore.model.v20150101.DescribeAccountsRequest;
import com.aliyuncs.r_kvstore.model.v20150101.DescribeInstanceAttributeRequest;
import com.aliyuncs.r_kvstore.model.v20150101.DescribeInstanceAttributeResponse.DBInstanceAttribute;
import com.aliyuncs.r_kvstore.model.v20150101.DescribeInstancesRequest;
import com.aliyuncs.r_kvstore.model.v20150101.ModifyAccountPasswordRequest;
import com.aliyuncs.r_kvstore.model.v20150101.ModifyInstanceAttributeRequest;
import com.aliyuncs.r_kvstore.model.v20150101.ResetAccountPasswordRequest;
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
import java.util.List;

import static dev.rekey.it.aliyun.AliyunFixture.DEAD;
import static dev.rekey.it.aliyun.AliyunFixture.INITIAL;
import static dev.rekey.it.aliyun.AliyunFixture.INSTANCE;
import static dev.rekey.it.aliyun.AliyunFixture.KEY_ID;
import static dev.rekey.it.aliyun.AliyunFixture.OTHERS;
import static dev.rekey.it.aliyun.AliyunFixture.SECRET;
import static dev.rekey.it.aliyun.AliyunFixture.classicError;
import static dev.rekey.it.aliyun.AliyunFixture.redisAccepts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The classic official SDK (aliyun-java-sdk-core 4.7.10 + aliyun-java-sdk-r-kvstore, V1 HMAC-SHA1, RegionId always
 * sent from the profile) against a running Rekey with a spawned redis-server, in JSON and in XML.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClassicSdkTest {
    @TempDir
    static Path dir;
    static TestRekey rekey;
    static DefaultAcsClient client;
    static String current = INITIAL;

    @BeforeAll
    static void start() throws Exception {
        rekey = TestRekey.start(dir, AliyunFixture.yaml(AliyunFixture.UNTHROTTLED));
        client = AliyunFixture.classic(KEY_ID, SECRET);
    }

    @AfterAll
    static void stop() {
        if (client != null) client.shutdown();
        if (rekey != null) rekey.close();
    }

    /** Points a request at the test Rekey over plain HTTP, in JSON. */
    static <T extends AcsRequest<?>> T local(T request) {
        request.setSysEndpoint(rekey.endpoint());
        request.setSysProtocol(ProtocolType.HTTP);
        return request;
    }

    static <T extends AcsRequest<?>> T xml(T request) {
        local(request).setSysAcceptFormat(FormatType.XML);
        return request;
    }

    static DBInstanceAttribute attribute(String id, boolean inXml) throws Exception {
        var request = new DescribeInstanceAttributeRequest();
        request.setInstanceId(id);
        var list = client.getAcsResponse(inXml ? xml(request) : local(request)).getInstances();
        assertEquals(1, list.size());
        return list.get(0);
    }

    static ModifyInstanceAttributeRequest modify(String id, String name, String password, Boolean protection) {
        var request = new ModifyInstanceAttributeRequest();
        request.setInstanceId(id);
        request.setInstanceName(name);
        request.setNewPassword(password);
        request.setInstanceReleaseProtection(protection);
        return request;
    }

    static void awaitNormal() throws Exception {
        Await.until("the change finishes and the instance is Normal again", Duration.ofSeconds(10),
                () -> attribute(INSTANCE, false).getInstanceStatus().equals("Normal"));
    }

    static void assertPassword(String expected, String refused) throws Exception {
        var i = attribute(INSTANCE, false);
        assertTrue(redisAccepts(i.getConnectionDomain(), i.getPort(), expected), "redis-cli logs in with the new password");
        if (refused != null) assertFalse(redisAccepts(i.getConnectionDomain(), i.getPort(), refused), "the old one is refused");
    }

    @Test
    @Order(1)
    void describeInstanceAttributeReadsAlikeFromJsonAndXml() throws Exception {
        for (boolean inXml : List.of(false, true)) {
            var i = attribute(INSTANCE, inXml);
            assertEquals("orders-cache", i.getInstanceName());
            assertEquals("Normal", i.getInstanceStatus());
            assertFalse(i.getInstanceReleaseProtection());
            assertEquals("127.0.0.1", i.getConnectionDomain());
            assertTrue(i.getPort() > 0);
            assertEquals("Redis", i.getEngine());
            assertTrue(i.getIsRds());
            assertTrue(redisAccepts(i.getConnectionDomain(), i.getPort(), INITIAL));
        }
    }

    @Test
    @Order(2)
    void describeInstancesListsTheProfilesRegionOnlyInJsonAndXml() throws Exception {
        for (boolean inXml : List.of(false, true)) {
            var request = new DescribeInstancesRequest();
            var response = client.getAcsResponse(inXml ? xml(request) : local(request));
            assertEquals(1, response.getTotalCount(), "RegionId=cn-hangzhou from the profile: the cn-shanghai instance is not listed");
            var k = response.getInstances().get(0);
            assertEquals(INSTANCE, k.getInstanceId());
            assertEquals("Normal", k.getInstanceStatus());
            assertEquals(INSTANCE, k.getUserName());
            assertFalse(k.getHasRenewChangeOrder());
            assertEquals(attribute(INSTANCE, false).getPort(), k.getPort());
        }
    }

    @Test
    @Order(3)
    void nameAndReleaseProtectionChangeInJsonAndXml() throws Exception {
        client.getAcsResponse(local(modify(INSTANCE, "classic-name", null, true)));
        var i = attribute(INSTANCE, true);
        assertEquals("classic-name", i.getInstanceName());
        assertTrue(i.getInstanceReleaseProtection());
        client.getAcsResponse(xml(modify(INSTANCE, "orders-cache", null, false)));
        i = attribute(INSTANCE, false);
        assertEquals("orders-cache", i.getInstanceName());
        assertFalse(i.getInstanceReleaseProtection());
    }

    @Test
    @Order(4)
    void aNewPasswordReachesTheRealRedisInJsonAndXml() throws Exception {
        String first = "Classic#Pass1";
        var response = client.getAcsResponse(local(modify(INSTANCE, null, first, null)));
        assertFalse(response.getRequestId().isEmpty());
        awaitNormal();
        assertPassword(first, current);
        String second = "Classic%Pass2";
        client.getAcsResponse(xml(modify(INSTANCE, null, second, null)));
        awaitNormal();
        assertPassword(second, first);
        current = second;
    }

    @Test
    @Order(5)
    void ruleViolationsAreRefusedWithTheirCodesInJsonAndXml() throws Exception {
        for (boolean inXml : List.of(false, true)) {
            for (String name : List.of("x", "9lives", "a b", "a@b", "a" + "b".repeat(128))) {
                var request = modify(INSTANCE, name, null, null);
                assertEquals("InvalidInstanceName.Malformed", classicError(() -> client.getAcsResponse(inXml ? xml(request) : local(request))), name);
            }
            for (String pw : List.of("Ab1#xyz", "abcdefgh1", "Abcdef1@", "Aa1#" + "x".repeat(29))) {
                var request = modify(INSTANCE, "renamed", pw, null);
                assertEquals("InvalidPassword.Malformed", classicError(() -> client.getAcsResponse(inXml ? xml(request) : local(request))), pw);
            }
            var none = modify(INSTANCE, null, null, null);
            assertEquals("MissingParameter", classicError(() -> client.getAcsResponse(inXml ? xml(none) : local(none))));
        }
        assertEquals("orders-cache", attribute(INSTANCE, false).getInstanceName());
        assertPassword(current, null);
    }

    @Test
    @Order(6)
    void unknownAndOtherTenantsInstancesAreNotFound() {
        for (String id : List.of("r-nosuch000", OTHERS)) {
            var write = modify(id, null, "Stolen#Pass1", null);
            assertEquals("InvalidInstanceId.NotFound", classicError(() -> client.getAcsResponse(local(write))), id);
            var read = new DescribeInstanceAttributeRequest();
            read.setInstanceId(id);
            assertEquals("InvalidInstanceId.NotFound", classicError(() -> client.getAcsResponse(xml(read))), id);
        }
    }

    @Test
    @Order(7)
    void anEngineThatDoesNotAnswerIsIncorrectDBInstanceState() {
        var request = modify(DEAD, null, "Dead#Pass12", null);
        assertEquals("IncorrectDBInstanceState", classicError(() -> client.getAcsResponse(local(request))));
    }

    @Test
    @Order(8)
    void aWrongSecretAndAnUnknownKeyAreRefused() {
        var request = new DescribeInstanceAttributeRequest();
        request.setInstanceId(INSTANCE);
        var wrong = AliyunFixture.classic(KEY_ID, "not-the-secret");
        var nobody = AliyunFixture.classic("nobody", SECRET);
        try {
            assertEquals("SignatureDoesNotMatch", classicError(() -> wrong.getAcsResponse(local(request))));
            assertEquals("SignatureDoesNotMatch", classicError(() -> wrong.getAcsResponse(xml(request))));
            assertEquals("InvalidAccessKeyId.NotFound", classicError(() -> nobody.getAcsResponse(local(request))));
        } finally {
            wrong.shutdown();
            nobody.shutdown();
        }
    }

    @Test
    @Order(9)
    void theDefaultAccountIsDescribedInJsonAndXml() throws Exception {
        for (boolean inXml : List.of(false, true)) {
            var request = new DescribeAccountsRequest();
            request.setInstanceId(INSTANCE);
            var accounts = client.getAcsResponse(inXml ? xml(request) : local(request)).getAccounts();
            assertEquals(1, accounts.size());
            assertEquals(INSTANCE, accounts.get(0).getAccountName());
            assertEquals("RoleReadWrite", accounts.get(0).getDatabasePrivileges().get(0).getAccountPrivilege());
        }
    }

    @Test
    @Order(10)
    void accountPasswordsAreResetAndChangedOnTheRealRedis() throws Exception {
        var reset = new ResetAccountPasswordRequest();
        reset.setInstanceId(INSTANCE);
        reset.setAccountName(INSTANCE);
        reset.setAccountPassword("Reset@Classic1");
        client.getAcsResponse(xml(reset));
        assertPassword("Reset@Classic1", current);
        current = "Reset@Classic1";

        var wrongOld = new ModifyAccountPasswordRequest();
        wrongOld.setInstanceId(INSTANCE);
        wrongOld.setAccountName(INSTANCE);
        wrongOld.setOldAccountPassword("Wrong#Pass1");
        wrongOld.setNewAccountPassword("Modify@Classic2");
        assertEquals("InvalidOldAccountPassword", classicError(() -> client.getAcsResponse(local(wrongOld))));
        assertPassword(current, null);

        var change = new ModifyAccountPasswordRequest();
        change.setInstanceId(INSTANCE);
        change.setAccountName(INSTANCE);
        change.setOldAccountPassword(current);
        change.setNewAccountPassword("Modify@Classic2");
        client.getAcsResponse(local(change));
        assertPassword("Modify@Classic2", current);
        current = "Modify@Classic2";

        var otherAccount = new ResetAccountPasswordRequest();
        otherAccount.setInstanceId(INSTANCE);
        otherAccount.setAccountName("demoaccount");
        otherAccount.setAccountPassword("Reset@Classic3");
        assertEquals("InvalidAccountName.NotFound", classicError(() -> client.getAcsResponse(xml(otherAccount))));
        var badFormat = new ResetAccountPasswordRequest();
        badFormat.setInstanceId(INSTANCE);
        badFormat.setAccountName(INSTANCE);
        badFormat.setAccountPassword("nodigitsorcaps");
        assertEquals("InvalidAccountPassword.Format", classicError(() -> client.getAcsResponse(local(badFormat))));
    }
}
