package dev.rekey.it.huawei;

import com.huaweicloud.sdk.dcs.v2.model.ShowInstanceResponse;
import dev.rekey.core.AuditEntry;
import dev.rekey.server.RedisCli;
import dev.rekey.server.TestRekey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.rekey.it.huawei.Dcs.change;
import static dev.rekey.it.huawei.Dcs.show;
import static dev.rekey.it.huawei.Dcs.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many wrong old passwords at once, over v2 (SDK) and v1.0 (raw) together: the engine is consulted exactly five
 * times, whatever the interleaving, and the lock, kept in the store, survives a restart of Rekey.
 */
class DcsLockoutConcurrencyTest {
    static final String ID = "f7f9df94-8f98-4ab1-af6f-bf4fdf7b6c65";
    static final int REQUESTS = 24;
    static final String YAML = Dcs.TENANTS + """
            instances:
              - id: f7f9df94-8f98-4ab1-af6f-bf4fdf7b6c65
                tenant: acme
                product: huawei-dcs
                engine: { kind: redis, spawn: true, password: "Initial#Pass1" }
            limits:
              huawei-dcs: { lock-minutes: 5, UpdatePassword: 1000, ShowInstance: 1000 }
            """;

    @TempDir
    static Path dir;
    static TestRekey rekey;

    @BeforeAll
    static void start() throws Exception {
        rekey = TestRekey.start(dir, YAML);
    }

    @AfterAll
    static void stop() {
        if (rekey != null) rekey.close();
    }

    @Test
    void parallelWrongPasswordsNeverReachASixthVerificationAndTheLockSurvivesARestart() throws Exception {
        List<String> results = storm();
        assertEquals(4, results.stream().filter(r -> r.startsWith("passwordFailed")).count(), results.toString());
        assertEquals(REQUESTS - 4, results.stream().filter(r -> r.startsWith("locked 0 5")).count(), results.toString());
        assertEquals(List.of("passwordFailed 1", "passwordFailed 2", "passwordFailed 3", "passwordFailed 4"),
                results.stream().filter(r -> r.startsWith("passwordFailed")).map(r -> r.substring(0, 16)).sorted().toList(),
                "each count down step answered exactly once");

        assertEquals(5, rekey.rekey().stores().instances().lockout(ID).failures(), "the engine answered five checks, no more");
        List<AuditEntry> audit = rekey.rekey().stores().audit().recent(1000).stream()
                .filter(e -> ID.equals(e.instanceId())).toList();
        assertEquals(4, audit.stream().filter(e -> e.outcome().equals("refused: WRONG_OLD_PASSWORD")).count());
        assertEquals(REQUESTS - 4, audit.stream().filter(e -> e.outcome().equals("refused: INSTANCE_LOCKED")).count());

        var dcs = Dcs.client(rekey);
        assertEquals("locked 0 5 5", summary(change(dcs, ID, "Initial#Pass1", "Second#Pass2")), "the right password too");

        rekey.stop();
        rekey.startAgain();
        dcs = Dcs.client(rekey);
        assertTrue(summary(change(dcs, ID, "Initial#Pass1", "Second#Pass2")).startsWith("locked 0 5 "),
                "the lock is in the store, not in memory");
        ShowInstanceResponse i = show(dcs, ID);
        assertTrue(RedisCli.accepts(i.getIp(), i.getPort(), "Initial#Pass1"), "nothing changed");
    }

    /** REQUESTS wrong changes released together, alternately through the SDK (v2) and raw (v1.0). */
    private static List<String> storm() throws Exception {
        var dcs = Dcs.client(rekey);
        var go = new CountDownLatch(1);
        List<Callable<String>> calls = new ArrayList<>();
        for (int n = 0; n < REQUESTS; n++) {
            String wrong = "Wrong#Pass" + n;
            calls.add(n % 2 == 0
                    ? () -> {
                        go.await();
                        return summary(change(dcs, ID, wrong, "Second#Pass2"));
                    }
                    : () -> {
                        go.await();
                        var body = RawDcs.v1Change(rekey, ID, wrong, "Second#Pass2").body();
                        if (!body.has("result")) return body.toString();
                        return body.get("result").asText() + " " + body.get("retry_times_left").asText() + " "
                                + body.get("lock_time").asText() + " " + body.get("lock_time_left").asText();
                    });
        }
        ExecutorService pool = Executors.newFixedThreadPool(REQUESTS);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (var call : calls) futures.add(pool.submit(call));
            go.countDown();
            List<String> results = new ArrayList<>();
            for (var f : futures) results.add(f.get());
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
