package dev.rekey.it.huawei;

import com.huaweicloud.sdk.dcs.v2.DcsClient;
import com.huaweicloud.sdk.dcs.v2.model.InstanceListInfo;
import com.huaweicloud.sdk.dcs.v2.model.ListInstancesRequest;
import com.huaweicloud.sdk.dcs.v2.model.ListInstancesResponse;
import com.huaweicloud.sdk.dcs.v2.model.ShowInstanceResponse;
import dev.rekey.server.MovableClock;
import dev.rekey.server.RedisCli;
import dev.rekey.server.TestRekey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.rekey.it.huawei.Dcs.assertRefused;
import static dev.rekey.it.huawei.Dcs.change;
import static dev.rekey.it.huawei.Dcs.reset;
import static dev.rekey.it.huawei.Dcs.show;
import static dev.rekey.it.huawei.Dcs.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The official Huawei Cloud DCS Java SDK (3.1.130) against a running Rekey whose Redis instances are real, spawned
 * redis-servers checked from outside with redis-cli. The tests share one Rekey and run in order; each leaves the
 * instance with the password it records in {@link #current}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DcsRedisSdkTest {
    static final String ID = "a2a4ea4f-3a43-4b6c-9a1a-6a9a8a2c1d10";
    static final String SECOND = "b3b5fb50-4b54-4c7d-8b2b-7b0b9b3d2e21";
    static final String OTHERS = "c4c6ac61-5c65-4d8e-9c3c-8c1cac4e3f32";
    static final String YAML = Dcs.TENANTS + """
            instances:
              - id: a2a4ea4f-3a43-4b6c-9a1a-6a9a8a2c1d10
                tenant: acme
                product: huawei-dcs
                region: cn-north-4
                name: orders-cache
                engine: { kind: redis, spawn: true, password: "Initial#Pass1" }
              - id: b3b5fb50-4b54-4c7d-8b2b-7b0b9b3d2e21
                tenant: acme
                product: huawei-dcs
                region: cn-north-4
                name: sessions-cache
                engine: { kind: redis, spawn: true, password: "Second#Pass1" }
              - id: c4c6ac61-5c65-4d8e-9c3c-8c1cac4e3f32
                tenant: other
                product: huawei-dcs
                region: cn-north-4
                name: orders-cache-of-other
                engine: { kind: redis, spawn: true, password: "Other#Pass1" }
            limits:
              huawei-dcs: { lock-minutes: 5, UpdatePassword: 1000, ResetPassword: 1000, ShowInstance: 1000, ListInstances: 1000 }
            """;

    @TempDir
    static Path dir;
    static final MovableClock CLOCK = new MovableClock();
    static TestRekey rekey;
    static DcsClient dcs;
    static String current = "Initial#Pass1";

    @BeforeAll
    static void start() throws Exception {
        rekey = TestRekey.start(dir, YAML, CLOCK);
        dcs = Dcs.client(rekey);
    }

    @AfterAll
    static void stop() {
        if (rekey != null) rekey.close();
    }

    static boolean redisAccepts(String password) throws Exception {
        ShowInstanceResponse i = show(dcs, ID);
        return RedisCli.accepts(i.getIp(), i.getPort(), password);
    }

    static void changeAndVerify(String next) throws Exception {
        assertEquals("success 5 0 0", summary(change(dcs, ID, current, next)));
        assertTrue(redisAccepts(next), "the new password works");
        assertFalse(redisAccepts(current), "the old password is refused");
        current = next;
    }

    @Test
    @Order(1)
    void showInstanceReportsTheRealEngineAddressAndStatus() throws Exception {
        ShowInstanceResponse i = show(dcs, ID);
        assertEquals(200, i.getHttpStatusCode());
        assertEquals(ID, i.getInstanceId());
        assertEquals("orders-cache", i.getName());
        assertEquals("Redis", i.getEngine());
        assertEquals("RUNNING", i.getStatus());
        assertEquals("false", i.getNoPasswordAccess());
        assertFalse(i.getEngineVersion().isEmpty());
        assertEquals("127.0.0.1", i.getIp());
        assertTrue(RedisCli.accepts(i.getIp(), i.getPort(), "Initial#Pass1"), "ip and port are the real redis-server");
    }

    @Test
    @Order(2)
    void listInstancesShowsOnlyTheTenantsInstancesWithFiltersAndPaging() throws Exception {
        ListInstancesResponse all = dcs.listInstances(new ListInstancesRequest());
        assertEquals(2, all.getInstanceNum());
        assertEquals(List.of(ID, SECOND), all.getInstances().stream().map(InstanceListInfo::getInstanceId).toList());
        InstanceListInfo first = all.getInstances().get(0);
        assertTrue(RedisCli.accepts(first.getIp(), first.getPort(), "Initial#Pass1"));
        assertEquals("false", first.getNoPasswordAccess());

        ListInstancesResponse page = dcs.listInstances(new ListInstancesRequest().withOffset(1).withLimit(1));
        assertEquals(2, page.getInstanceNum(), "instance_num counts every match, not the page");
        assertEquals(SECOND, page.getInstances().get(0).getInstanceId());

        assertEquals(1, dcs.listInstances(new ListInstancesRequest().withName("SESSIONS")).getInstanceNum());
        assertEquals(0, dcs.listInstances(new ListInstancesRequest().withName("sessions").withNameEqual("true")).getInstanceNum());
        assertEquals(1, dcs.listInstances(new ListInstancesRequest().withName("sessions-cache").withNameEqual("true")).getInstanceNum());
        assertEquals(1, dcs.listInstances(new ListInstancesRequest().withInstanceId(ID)).getInstanceNum());
        assertEquals(2, dcs.listInstances(new ListInstancesRequest().withStatus("RUNNING")).getInstanceNum());
        assertEquals(0, dcs.listInstances(new ListInstancesRequest().withStatus("FROZEN")).getInstanceNum());
        assertEquals(0, dcs.listInstances(new ListInstancesRequest().withInstanceId(OTHERS)).getInstanceNum());
        assertRefused(400, "DCS.4062", () -> dcs.listInstances(new ListInstancesRequest().withLimit(0)));
    }

    @Test
    @Order(3)
    void updatePasswordChangesTheRealRedisPasswordSynchronously() throws Exception {
        changeAndVerify("Second#Pass2");
    }

    @ParameterizedTest
    @Order(4)
    @ValueSource(strings = {"Ab1#xyz", "abcdefgh12", "ABCDEFGH#", "abcdEFGH", "Abc:defg1", "Abc\\defg1", "Abc defg1",
            "Abcdéfg1", "Abc;defg1", "Ab1#aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void everyRuleViolationIsAComplexityError(String bad) throws Exception {
        assertRefused(400, "DCS.4019", () -> change(dcs, ID, current, bad));
        assertTrue(redisAccepts(current), "nothing changed");
    }

    @Test
    @Order(5)
    void sixtyFourCharactersWithThreeClassesAndEverySeedSpecialAreAccepted() throws Exception {
        changeAndVerify("Ab1" + "`~!@#$%^&*()-_=+|{},<.>/?" + "x".repeat(36));
        changeAndVerify("Third#Pass3");
    }

    @Test
    @Order(6)
    void theNewPasswordMustDifferFromTheOld() {
        assertRefused(400, "DCS.4019", () -> change(dcs, ID, current, current));
    }

    @Test
    @Order(7)
    void anOldPasswordOfTheWrongShapeIsAComplexityErrorAndIsNotCounted() throws Exception {
        assertRefused(400, "DCS.4019", () -> change(dcs, ID, "short", "Fourth#Pass4"));
        assertRefused(400, "DCS.4019", () -> change(dcs, ID, "nouppernodigits", "Fourth#Pass4"));
        assertEquals("passwordFailed 4 5 5", summary(change(dcs, ID, "Wrong#Pass0", "Fourth#Pass4")),
                "the first well-formed wrong password is the first counted");
        changeAndVerify("Fourth#Pass4");
    }

    @Test
    @Order(8)
    void fiveWrongOldPasswordsCountDownAndLockTheInstance() throws Exception {
        for (int left = 4; left >= 1; left--) {
            assertEquals("passwordFailed " + left + " 5 5", summary(change(dcs, ID, "Wrong#Pass" + left, "Fifth#Pass5")));
        }
        assertEquals("locked 0 5 5", summary(change(dcs, ID, "Wrong#Pass5", "Fifth#Pass5")));
        assertTrue(redisAccepts(current));
    }

    @Test
    @Order(9)
    void whileLockedTheRightPasswordIsRefusedAndResetIsRefusedWith4080() throws Exception {
        assertEquals("locked 0 5 5", summary(change(dcs, ID, current, "Fifth#Pass5")));
        var e = Dcs.refused(() -> reset(dcs, ID, "Reset#Pass5", null));
        assertEquals("DCS.4080", e.getErrorCode());
        assertTrue(e.getErrorMsg().contains("5 minute(s)"), e.getErrorMsg());
        assertTrue(redisAccepts(current), "nothing changed while locked");
        assertEquals("success 5 0 0", summary(change(dcs, SECOND, "Second#Pass1", "Second#Pass2")),
                "the lock is per instance");
    }

    @Test
    @Order(10)
    void theLockEndsAfterTheLockTimeAndMinutesLeftRoundUp() throws Exception {
        CLOCK.advance(Duration.ofMinutes(4));
        assertEquals("locked 0 5 1", summary(change(dcs, ID, current, "Fifth#Pass5")));
        CLOCK.advance(Duration.ofSeconds(61));
        changeAndVerify("Fifth#Pass5");
        assertEquals("passwordFailed 4 5 5", summary(change(dcs, ID, "Wrong#Pass6", "Sixth#Pass6")),
                "a success starts a new count");
        changeAndVerify("Sixth#Pass6");
    }

    @Test
    @Order(11)
    void resetSetsANewPasswordWithoutTheOldOne() throws Exception {
        var r = reset(dcs, ID, "Reset#Pass7", false);
        assertEquals(200, r.getHttpStatusCode());
        assertEquals("5 0 0", r.getRetryTimesLeft() + " " + r.getLockTime() + " " + r.getLockTimeLeft());
        assertTrue(redisAccepts("Reset#Pass7"));
        assertFalse(redisAccepts(current));
        current = "Reset#Pass7";
        assertRefused(400, "DCS.4019", () -> reset(dcs, ID, "weakpass", null));
        assertRefused(400, "DCS.4845", () -> reset(dcs, ID, null, false));
    }

    @Test
    @Order(12)
    void resetWithNoPasswordAccessMakesRedisPasswordFree() throws Exception {
        assertRefused(400, "DCS.4849", () -> reset(dcs, ID, "Reset#Pass8", true));
        reset(dcs, ID, null, true);
        ShowInstanceResponse i = show(dcs, ID);
        assertEquals("true", i.getNoPasswordAccess());
        assertEquals("PONG", RedisCli.ping(i.getIp(), i.getPort(), null), "no AUTH needed any more");
        assertEquals("true", dcs.listInstances(new ListInstancesRequest().withInstanceId(ID)).getInstances().get(0).getNoPasswordAccess());
    }

    @Test
    @Order(13)
    void aChangeWhilePasswordFreeIsRefusedWith4850() {
        assertRefused(400, "DCS.4850", () -> change(dcs, ID, current, "Ninth#Pass9"));
    }

    @Test
    @Order(14)
    void resetWithANewPasswordEndsPasswordFreeAccess() throws Exception {
        reset(dcs, ID, "Tenth#Pass10", null);
        ShowInstanceResponse i = show(dcs, ID);
        assertEquals("false", i.getNoPasswordAccess());
        assertFalse(RedisCli.ping(i.getIp(), i.getPort(), null).equals("PONG"), "AUTH is required again");
        assertTrue(redisAccepts("Tenth#Pass10"));
        current = "Tenth#Pass10";
        changeAndVerify("Eleventh#Pass11");
    }

    @Test
    @Order(15)
    void unknownAndOtherTenantsInstancesAreNotFoundAndOnlyBadCharactersAreAFormatError() {
        assertRefused(404, "DCS.3022", () -> show(dcs, OTHERS));
        assertRefused(404, "DCS.3022", () -> change(dcs, OTHERS, "Other#Pass1", "Other#Pass2"));
        assertRefused(404, "DCS.3022", () -> show(dcs, "a2a4ea4f-0000-0000-0000-000000000000"));
        assertRefused(404, "DCS.3022", () -> show(dcs, "not-an-id-but-well-formed"));
        assertRefused(404, "DCS.3022", () -> reset(dcs, "ABC123", "Reset#Pass12", null));
        assertRefused(400, "DCS.4061", () -> show(dcs, "bad_id"));
        assertRefused(400, "DCS.4061", () -> change(dcs, "bad.id", current, "Twelfth#Pass12"));
    }

    @Test
    @Order(16)
    void aBadSignatureOrAnUnknownKeyIsRefusedByTheGateway() throws Exception {
        var wrongSecret = Dcs.client(rekey, Dcs.AK, "NOT-THE-SK", Dcs.PROJECT);
        assertRefused(401, "APIGW.0301", () -> show(wrongSecret, ID));
        assertRefused(401, "APIGW.0301", () -> change(wrongSecret, ID, current, "Twelfth#Pass12"));
        var unknown = Dcs.client(rekey, "AKUNKNOWN", Dcs.SK, Dcs.PROJECT);
        var e = Dcs.refused(() -> show(unknown, ID));
        assertEquals("APIGW.0301", e.getErrorCode());
        assertTrue(e.getErrorMsg().contains("ak not exist"), e.getErrorMsg());
        assertTrue(redisAccepts(current));
    }

    @Test
    @Order(17)
    void aProjectThatIsNotTheKeysIsRefusedWith1004() throws Exception {
        var wrongProject = Dcs.client(rekey, Dcs.AK, Dcs.SK, Dcs.OTHER_PROJECT);
        assertRefused(401, "DCS.1004", () -> show(wrongProject, ID));
        assertRefused(401, "DCS.1004", () -> change(wrongProject, ID, current, "Twelfth#Pass12"));
        var raw = RawDcs.send(rekey, "GET", "/v2/" + Dcs.PROJECT + "/instances/" + ID, null,
                java.util.Map.of("X-Project-Id", Dcs.OTHER_PROJECT));
        assertEquals(401, raw.status());
        assertEquals("DCS.1004", raw.body().get("error_code").asText());
        assertTrue(raw.body().get("error_ext_msg").isNull());
    }

    @Test
    @Order(18)
    void unknownPathsAndMethodsAreRefusedAndEverySuccessCarriesARequestId() throws Exception {
        var unknownPath = RawDcs.send(rekey, "GET", "/v2/" + Dcs.PROJECT + "/instances/" + ID + "/backups", null, java.util.Map.of());
        assertEquals(404, unknownPath.status());
        assertEquals("DCS.4001", unknownPath.body().get("error_code").asText());
        var wrongMethod = RawDcs.send(rekey, "DELETE", "/v2/" + Dcs.PROJECT + "/instances/" + ID, null, java.util.Map.of());
        assertEquals(405, wrongMethod.status());
        assertEquals("DCS.5001", wrongMethod.body().get("error_code").asText());
        var ok = RawDcs.send(rekey, "GET", "/v2/" + Dcs.PROJECT + "/instances/" + ID, null, java.util.Map.of());
        assertEquals(200, ok.status());
        assertTrue(ok.requestId().matches("[0-9a-f]{32}"));
        var notJson = RawDcs.send(rekey, "PUT", "/v2/" + Dcs.PROJECT + "/instances/" + ID + "/password", "{old_password:", java.util.Map.of());
        assertEquals("DCS.4005", notJson.body().get("error_code").asText());
        var empty = RawDcs.send(rekey, "PUT", "/v2/" + Dcs.PROJECT + "/instances/" + ID + "/password", "", java.util.Map.of());
        assertEquals("DCS.4004", empty.body().get("error_code").asText());
        assertNull(ok.body().get("error_code"));
    }
}
