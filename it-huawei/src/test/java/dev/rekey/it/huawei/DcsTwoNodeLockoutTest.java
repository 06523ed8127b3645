package dev.rekey.it.huawei;

import com.huaweicloud.sdk.dcs.v2.DcsClient;
import com.huaweicloud.sdk.dcs.v2.model.ShowInstanceResponse;
import dev.rekey.server.RedisCli;
import dev.rekey.server.TestRekey;
import dev.rekey.testkit.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.rekey.it.huawei.Dcs.change;
import static dev.rekey.it.huawei.Dcs.show;
import static dev.rekey.it.huawei.Dcs.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two Rekey nodes on one PostgreSQL: 200 wrong old passwords released at once, spread over both nodes and over v2
 * (SDK) and v1.0 (raw), lock the instance after exactly five verifications, as on one node.
 */
class DcsTwoNodeLockoutTest {
    static final String ID = "0c3f5b7e-2d4a-4b8e-9f61-7a2c9d1e5b43";
    static final int REQUESTS = 200;

    @TempDir
    Path dir;
    private final String db = TestDatabases.postgres();
    private final List<TestRekey> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(TestRekey::close);
        TestDatabases.drop(db);
    }

    private TestRekey node(String name) throws Exception {
        String yaml = """
                store: { url: "%s", key-file: ../shared.key }
                """.formatted(db) + Dcs.TENANTS + """
                instances:
                  - id: 0c3f5b7e-2d4a-4b8e-9f61-7a2c9d1e5b43
                    tenant: acme
                    product: huawei-dcs
                    engine: { kind: redis, spawn: true, password: "Initial#Pass1" }
                limits:
                  huawei-dcs: { lock-minutes: 5, UpdatePassword: 100000, ShowInstance: 1000 }
                """;
        var node = TestRekey.start(Files.createDirectories(dir.resolve(name)), yaml);
        nodes.add(node);
        return node;
    }

    @Test
    void twoHundredParallelWrongPasswordsOverTwoNodesAllowExactlyFiveVerifications() throws Exception {
        TestRekey a = node("a");
        TestRekey b = node("b");
        List<DcsClient> sdk = List.of(Dcs.client(a), Dcs.client(b));
        List<TestRekey> raw = List.of(b, a);
        var go = new CountDownLatch(1);
        List<Callable<String>> calls = new ArrayList<>();
        for (int n = 0; n < REQUESTS; n++) {
            String wrong = "Wrong#Pass" + n;
            int node = n % 2;
            calls.add(n % 4 < 2
                    ? () -> {
                        go.await();
                        return summary(change(sdk.get(node), ID, wrong, "Second#Pass2"));
                    }
                    : () -> {
                        go.await();
                        var body = RawDcs.v1Change(raw.get(node), ID, wrong, "Second#Pass2").body();
                        return body.has("result") ? body.get("result").asText() + " " + body.get("retry_times_left").asText() : body.toString();
                    });
        }
        var results = new ArrayList<String>();
        try (var pool = Executors.newFixedThreadPool(64)) {
            var futures = new ArrayList<Future<String>>();
            for (var call : calls) futures.add(pool.submit(call));
            go.countDown();
            for (var f : futures) results.add(f.get());
        }
        assertEquals(4, results.stream().filter(r -> r.startsWith("passwordFailed")).count(), results.toString());
        assertEquals(REQUESTS - 4, results.stream().filter(r -> r.startsWith("locked 0")).count(), results.toString());
        assertEquals(5, a.rekey().stores().instances().lockout(ID).failures(), "five verifications across the fleet, no sixth");

        assertTrue(summary(change(sdk.get(1), ID, "Initial#Pass1", "Second#Pass2")).startsWith("locked 0"),
                "locked on the other node too, even for the right password");
        ShowInstanceResponse shown = show(sdk.get(0), ID);
        assertTrue(RedisCli.accepts(shown.getIp(), shown.getPort(), "Initial#Pass1"), "nothing changed on the engine");
    }
}
