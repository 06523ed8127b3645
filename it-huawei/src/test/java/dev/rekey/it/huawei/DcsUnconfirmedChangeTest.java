package dev.rekey.it.huawei;

import com.huaweicloud.sdk.core.exception.ClientRequestException;
import com.huaweicloud.sdk.dcs.v2.DcsClient;
import com.huaweicloud.sdk.dcs.v2.model.ShowInstanceResponse;
import dev.rekey.server.TestRekey;
import dev.rekey.testkit.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static dev.rekey.it.huawei.Dcs.change;
import static dev.rekey.it.huawei.Dcs.show;
import static dev.rekey.it.huawei.Dcs.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A change the engine cannot confirm: the memcached is frozen (SIGSTOP, by the pid of the one this test's Rekey
 * spawned) while the change is applied, so the new auth file is written but its reload never seen. The caller must
 * not be told "success", and once memcached runs again the password it accepts must be the old one, as "failed"
 * promises: never a new password the caller was told did not take.
 */
class DcsUnconfirmedChangeTest {
    static final String ID = "08a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b";
    static final String YAML = Dcs.TENANTS + """
            store: { task-lease-seconds: 12 }
            instances:
              - id: 08a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b
                tenant: acme
                product: huawei-dcs
                engine: { kind: memcached, spawn: true, user: cacheuser1, password: "Memc#Pass1" }
            """;

    @TempDir
    static Path dir;
    static TestRekey rekey;
    static DcsClient dcs;

    @BeforeAll
    static void start() throws Exception {
        rekey = TestRekey.start(dir, YAML);
        dcs = Dcs.client(rekey);
    }

    @AfterAll
    static void stop() throws Exception {
        signal("CONT");
        if (rekey != null) rekey.close();
    }

    static void signal(String name) throws Exception {
        long pid = Long.parseLong(Files.readString(dir.resolve("data/engines/" + ID + "/memcached.pid")).strip());
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
        assertTrue(kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + name + " " + pid);
    }

    static boolean accepts(String password) throws Exception {
        ShowInstanceResponse i = show(dcs, ID);
        return Memcached.accepts(i.getIp(), i.getPort(), "cacheuser1", password);
    }

    @Test
    void aChangeMemcachedNeverConfirmsEndsWithTheOldPassword() throws Exception {
        signal("STOP");
        String answer;
        try {
            answer = summary(change(dcs, ID, "Memc#Pass1", "Memc#Pass2"));
        } catch (ClientRequestException e) {
            answer = e.getErrorCode();
        } finally {
            signal("CONT");
        }
        assertTrue(answer.startsWith("failed ") || answer.equals("DCS.4115"), answer);

        // Rekey reconciles an unconfirmed change by what the engine holds once it answers again, when the task's
        // lease has run out (12 s: longer than the ~9 s the applier spends on a frozen memcached, so they never race)
        var instances = rekey.rekey().stores().instances();
        Await.until("the change is reconciled and memcached accepts the old password", Duration.ofSeconds(45),
                () -> instances.find(ID).orElseThrow().activeOperation() == null && accepts("Memc#Pass1"));
        assertFalse(accepts("Memc#Pass2"), "the password the caller was not told took never works");
        String last = summary(change(dcs, ID, "Memc#Pass1", "Memc#Pass3"));
        assertEquals("success 5 0 0", last, "the old password is the one in force once memcached runs again");
        assertTrue(accepts("Memc#Pass3"));
    }
}
