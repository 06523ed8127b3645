package dev.rekey.it.huawei;

import com.huaweicloud.sdk.dcs.v2.DcsClient;
import com.huaweicloud.sdk.dcs.v2.model.ShowInstanceResponse;
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

import static dev.rekey.it.huawei.Dcs.assertRefused;
import static dev.rekey.it.huawei.Dcs.change;
import static dev.rekey.it.huawei.Dcs.reset;
import static dev.rekey.it.huawei.Dcs.show;
import static dev.rekey.it.huawei.Dcs.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DCS Memcached instances backed by a real, spawned memcached with ASCII authentication: the SDK's v2 change and
 * reset and the raw v1.0 change (with its user-name rule), each checked from outside with a memcached login.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DcsMemcachedTest {
    static final String ID = "d5d7bd72-6d76-4e9f-8d4d-9d2dbd5f4a43";
    static final String USER = "cacheuser1";
    static final String YAML = Dcs.TENANTS + """
            instances:
              - id: d5d7bd72-6d76-4e9f-8d4d-9d2dbd5f4a43
                tenant: acme
                product: huawei-dcs
                region: cn-north-4
                name: memcached-sessions
                engine: { kind: memcached, spawn: true, user: cacheuser1, password: "Memc#Pass1" }
            limits:
              huawei-dcs: { lock-minutes: 5, UpdatePassword: 1000, ResetPassword: 1000, ShowInstance: 1000, ListInstances: 1000 }
            """;

    @TempDir
    static Path dir;
    static TestRekey rekey;
    static DcsClient dcs;
    static String current = "Memc#Pass1";

    @BeforeAll
    static void start() throws Exception {
        rekey = TestRekey.start(dir, YAML);
        dcs = Dcs.client(rekey);
    }

    @AfterAll
    static void stop() {
        if (rekey != null) rekey.close();
    }

    static boolean memcachedAccepts(String password) throws Exception {
        ShowInstanceResponse i = show(dcs, ID);
        return Memcached.accepts(i.getIp(), i.getPort(), USER, password);
    }

    static void verifyChanged(String next) throws Exception {
        assertTrue(memcachedAccepts(next), "the new password logs in");
        assertFalse(memcachedAccepts(current), "the old password is refused");
        current = next;
    }

    @Test
    @Order(1)
    void showInstanceReportsTheRealMemcached() throws Exception {
        ShowInstanceResponse i = show(dcs, ID);
        assertEquals("Memcached", i.getEngine());
        assertEquals(USER, i.getAccessUser());
        assertEquals("RUNNING", i.getStatus());
        assertEquals("false", i.getNoPasswordAccess());
        assertTrue(i.getEngineVersion().matches("\\d+\\.\\d+\\.\\d+"), i.getEngineVersion());
        assertTrue(Memcached.accepts(i.getIp(), i.getPort(), USER, "Memc#Pass1"), "ip and port are the real memcached");
    }

    @Test
    @Order(2)
    void theSdksUpdatePasswordChangesTheMemcachedLogin() throws Exception {
        assertEquals("success 5 0 0", summary(change(dcs, ID, current, "Memc#Pass2")));
        verifyChanged("Memc#Pass2");
    }

    @Test
    @Order(3)
    void aWrongOldPasswordIsCountedOnMemcachedToo() throws Exception {
        assertEquals("passwordFailed 4 5 5", summary(change(dcs, ID, "Wrong#Pass1", "Memc#Pass3")));
        assertTrue(memcachedAccepts(current));
    }

    @Test
    @Order(4)
    void resetSetsTheMemcachedPasswordAndPasswordFreeAccessIsRefusedWith4839() throws Exception {
        reset(dcs, ID, "Memc#Reset4", false);
        verifyChanged("Memc#Reset4");
        assertRefused(400, "DCS.4839", () -> reset(dcs, ID, null, true));
        assertTrue(memcachedAccepts(current));
    }

    @Test
    @Order(5)
    void v1RefusesTheUserNameAndItsReverseOnMemcached() throws Exception {
        for (String bad : new String[] {USER, "1resuehcac"}) {
            var a = RawDcs.v1Change(rekey, ID, current, bad);
            assertEquals(400, a.status());
            assertEquals("111400019", a.body().get("error").get("code").asText(), bad);
        }
        assertTrue(memcachedAccepts(current));
    }

    @Test
    @Order(6)
    void v1AcceptsItsOwnSpecialsOnMemcached() throws Exception {
        var a = RawDcs.v1Change(rekey, ID, current, "mc:pass\\6");
        assertEquals(200, a.status(), a.body().toString());
        assertEquals("success", a.body().get("result").asText());
        verifyChanged("mc:pass\\6");
    }

    @Test
    @Order(7)
    void aRestartedRekeyRestartsMemcachedWithTheChangedPasswordAndKeepsTheCount() throws Exception {
        assertEquals("passwordFailed 4 5 5", summary(change(dcs, ID, "Wrong#Pass6", "Memc#Pass7")));
        rekey.stop();
        rekey.startAgain();
        dcs = Dcs.client(rekey);
        assertTrue(memcachedAccepts(current), "the auth file, not the configured password, is what memcached restarts with");
        assertFalse(memcachedAccepts("Memc#Pass1"));
        assertEquals("passwordFailed 3 5 5", summary(change(dcs, ID, "Wrong#Pass7", "Memc#Pass7")),
                "the lockout counter survived the restart too");
        var v1 = RawDcs.v1Change(rekey, ID, current, "Memc#Pass7"); // current has ':' and '\\': only v1.0 takes it as old
        assertEquals("success", v1.body().get("result").asText(), v1.body().toString());
        verifyChanged("Memc#Pass7");
    }

    @Test
    @Order(8)
    void aChangeOrResetWhileAnotherIsBeingAppliedIs4115() throws Exception {
        var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> summary(change(dcs, ID, current, "Memc#Pass8")));
        var instances = rekey.rekey().stores().instances();
        Await.until("the first change is being applied", Duration.ofSeconds(5),
                () -> instances.find(ID).orElseThrow().activeOperation() != null || first.isDone());
        // memcached takes up to a second to reload its auth file: the first change is still being applied
        assertRefused(400, "DCS.4115", () -> reset(dcs, ID, "Memc#Pass8", false));
        assertEquals("success 5 0 0", first.get());
        verifyChanged("Memc#Pass8");
    }

    @Test
    @Order(9)
    void aNoPasswordAccessThatIsNotABooleanIs4843() throws Exception {
        var a = RawDcs.send(rekey, "POST", "/v2/" + Dcs.PROJECT + "/instances/" + ID + "/password/reset",
                "{\"new_password\":\"Memc#Pass9\",\"no_password_access\":\"false\"}", java.util.Map.of());
        assertEquals(400, a.status());
        assertEquals("DCS.4843", a.body().get("error_code").asText());
        assertTrue(memcachedAccepts(current));
    }
}
