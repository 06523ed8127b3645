package dev.rekey.it.huawei;

import com.huaweicloud.sdk.dcs.v2.DcsClient;
import com.huaweicloud.sdk.dcs.v2.model.ShowInstanceResponse;
import dev.rekey.server.TestRekey;
import dev.rekey.testkit.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.rekey.it.huawei.Dcs.change;
import static dev.rekey.it.huawei.Dcs.reset;
import static dev.rekey.it.huawei.Dcs.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two nodes on one PostgreSQL behind a balancer: a spawned Memcached belongs to the node that spawned it (only that node
 * holds its auth file), yet every node serves it. A request on the other node becomes an operation that the owner's
 * worker checks and applies; the answering node waits for its outcome, as the synchronous API promises.
 */
class DcsTwoNodeMemcachedTest {
    static final String ID = "5d1f0b2c-6a7e-4c3d-9e8f-1a2b3c4d5e6f";

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
                  - id: 5d1f0b2c-6a7e-4c3d-9e8f-1a2b3c4d5e6f
                    tenant: acme
                    product: huawei-dcs
                    engine: { kind: memcached, spawn: true, user: cacheuser, password: "Memc#Pass1" }
                limits:
                  huawei-dcs: { UpdatePassword: 1000, ResetPassword: 1000, ShowInstance: 1000 }
                """;
        var node = TestRekey.start(Files.createDirectories(dir.resolve(name)), yaml);
        nodes.add(node);
        return node;
    }

    @Test
    void changesSentToEachNodeInTurnAllSucceedOnTheOwnersMemcached() throws Exception {
        TestRekey owner = node("a");
        TestRekey other = node("b");
        assertFalse(Files.exists(other.dir.resolve("data/engines/" + ID)), "only the first node spawned the memcached");
        List<DcsClient> clients = List.of(Dcs.client(owner), Dcs.client(other));
        String current = "Memc#Pass1";
        for (int n = 2; n <= 7; n++) {
            String next = "Memc#Pass" + n;
            assertEquals("success 5 0 0", summary(change(clients.get(n % 2), ID, current, next)),
                    "change " + n + " through node " + (n % 2 == 0 ? "a" : "b"));
            current = next;
        }
        ShowInstanceResponse shown = Dcs.show(clients.get(1), ID);
        assertTrue(Memcached.accepts(shown.getIp(), shown.getPort(), "cacheuser", current), "the engine holds the last password");
        assertFalse(Memcached.accepts(shown.getIp(), shown.getPort(), "cacheuser", "Memc#Pass6"));

        // the owner checks a wrong old password sent to the other node and counts it in the shared lockout
        assertEquals("passwordFailed 4 5 5", summary(change(clients.get(1), ID, "Wrong#Pass9", "Memc#Pass8")));
        assertEquals("passwordFailed 3 5 5", summary(change(clients.get(0), ID, "Wrong#Pass9", "Memc#Pass8")));
        // a reset through the other node, then a change with the reset password through the owner
        reset(clients.get(1), ID, "Memc#Reset1", false);
        assertEquals("success 5 0 0", summary(change(clients.get(0), ID, "Memc#Reset1", "Memc#Pass9")));
        assertTrue(Memcached.accepts(shown.getIp(), shown.getPort(), "cacheuser", "Memc#Pass9"));
    }
}
