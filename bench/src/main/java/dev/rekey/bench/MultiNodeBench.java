package dev.rekey.bench;

import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.redis.v20180412.RedisClient;
import com.tencentcloudapi.redis.v20180412.models.DescribeTaskInfoRequest;
import com.tencentcloudapi.redis.v20180412.models.ModifyInstancePasswordRequest;
import dev.rekey.server.ConfigLoader;
import dev.rekey.server.Rekey;
import dev.rekey.testkit.TestDatabases;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 7's benchmark: password changes per second through one node and through two nodes sharing one PostgreSQL,
 * with one client per instance (so no per-instance or per-tenant limit is what is measured), beside the floor of the
 * database itself: a plain UPDATE round trip.
 */
final class MultiNodeBench {
    private static final int INSTANCES = 8;

    static void run(Path dir, double seconds) throws Exception {
        String url = TestDatabases.postgres();
        try {
            try (Rekey a = node(dir, "a", url); Rekey b = node(dir, "b", url)) {
                double floor = updateRoundTrips(url, seconds);
                Measure.figure("postgres_update_round_trip", floor, "updates/s");
                double one = changes(List.of(a.port()), seconds, 0);
                Measure.figure("pg_changes_one_node", one, "changes/s");
                double two = changes(List.of(a.port(), b.port()), seconds, 1_000_000);
                Measure.figure("pg_changes_two_nodes", two, "changes/s");
                Measure.ratio("one_node_over_update_floor", one / floor);
                Measure.ratio("two_nodes_over_update_floor", two / floor);
                Measure.ratio("two_nodes_over_one_node", two / one);
            }
        } finally {
            TestDatabases.drop(url);
        }
    }

    private static Rekey node(Path dir, String name, String url) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        var yaml = new StringBuilder("""
                server: { port: 0, data: ./data }
                store: { url: "%s", key-file: ../shared.key }
                tenants:
                """.formatted(url));
        var instances = new StringBuilder("instances:\n");
        for (int i = 0; i < INSTANCES; i++) {
            yaml.append("  - name: t").append(i).append("\n    tencent: { secret-id: AKIDBENCH").append(i).append(", secret-key: S").append(i).append(" }\n");
            instances.append("  - id: crs-mnb").append(i).append("\n    tenant: t").append(i)
                    .append("\n    product: tencent-redis\n    region: ap-guangzhou\n    engine: { kind: redis, spawn: true, password: \"Bench#Pass0\" }\n");
        }
        return Rekey.start(new ConfigLoader(Map.<String, String>of()::get).parse(yaml.append(instances) + "limits:\n  tencent-redis: { ModifyInstancePassword: 1000000 }\n", d),
                null, null);
    }

    private static double updateRoundTrips(String url, double seconds) throws Exception {
        try (var c = DriverManager.getConnection(url); var s = c.createStatement()) {
            // created after the nodes migrated the schema: Flyway refuses a non-empty schema without its history
            s.execute("CREATE TABLE bench_floor (id INT PRIMARY KEY, n BIGINT)");
            s.execute("INSERT INTO bench_floor VALUES (1, 0)");
            try (var ps = c.prepareStatement("UPDATE bench_floor SET n = n + 1 WHERE id = 1")) {
                return Measure.perSecond(seconds, ps::executeUpdate);
            }
        }
    }

    /** One client thread per instance, round robin over the nodes; each change is followed to `succeed`. */
    private static double changes(List<Integer> ports, double seconds, int passwordOffset) throws Exception {
        var stop = new AtomicBoolean();
        var done = new AtomicLong();
        var jobs = new ArrayList<Future<?>>();
        try (var pool = Executors.newFixedThreadPool(INSTANCES)) {
            for (int i = 0; i < INSTANCES; i++) {
                int n = i;
                jobs.add(pool.submit(() -> {
                    RedisClient client = client(ports.get(n % ports.size()), n);
                    int k = passwordOffset;
                    String current = passwordOffset == 0 ? "Bench#Pass0" : "Bench#Pass" + passwordOffset;
                    while (!stop.get()) {
                        String next = "Bench#Pass" + (++k);
                        var req = new ModifyInstancePasswordRequest();
                        req.setInstanceId("crs-mnb" + n);
                        req.setOldPassword(current);
                        req.setPassword(next);
                        var poll = new DescribeTaskInfoRequest();
                        poll.setTaskId(client.ModifyInstancePassword(req).getTaskId());
                        String status;
                        do {
                            status = client.DescribeTaskInfo(poll).getStatus();
                        } while (!status.equals("succeed") && !status.equals("failed"));
                        current = next;
                        done.incrementAndGet();
                    }
                    // leave the instance at the known offset password for the next round
                    var back = new ModifyInstancePasswordRequest();
                    back.setInstanceId("crs-mnb" + n);
                    back.setOldPassword(current);
                    back.setPassword("Bench#Pass" + 1_000_000);
                    client.ModifyInstancePassword(back);
                    return null;
                }));
            }
            Thread.sleep((long) (seconds * 200));
            long start = System.nanoTime();
            long before = done.get();
            Thread.sleep((long) (seconds * 1000));
            double rate = (done.get() - before) / ((System.nanoTime() - start) / 1e9);
            stop.set(true);
            for (var j : jobs) j.get();
            Thread.sleep(300);
            return rate;
        }
    }

    private static RedisClient client(int port, int tenant) {
        var http = new HttpProfile();
        http.setEndpoint("127.0.0.1:" + port);
        http.setProtocol("http://");
        var profile = new ClientProfile();
        profile.setHttpProfile(http);
        return new RedisClient(new Credential("AKIDBENCH" + tenant, "S" + tenant), "ap-guangzhou", profile);
    }
}
