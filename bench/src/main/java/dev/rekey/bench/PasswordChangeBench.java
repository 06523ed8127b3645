package dev.rekey.bench;

import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.redis.v20180412.RedisClient;
import com.tencentcloudapi.redis.v20180412.models.DescribeTaskInfoRequest;
import com.tencentcloudapi.redis.v20180412.models.ModifyInstancePasswordRequest;
import dev.rekey.core.Secret;
import dev.rekey.engines.redis.RedisProcess;
import dev.rekey.server.ConfigLoader;
import dev.rekey.server.Rekey;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Issue 3's benchmark: signed ModifyInstancePassword round trips per second, end to end (task to succeed), beside a
 * plain HTTP request to the same server and the same engine work done directly on the same Redis.
 */
final class PasswordChangeBench {
    private static final int RATE_LIMIT = 1_000_000;
    private static final String ADMIN = "Bench#Admin#Secret1";

    static void run(Path dir, double seconds) throws Exception {
        RedisProcess redis = RedisProcess.start(dir.resolve("redis"), 0, "bench-admin", Secret.of(ADMIN), "default", Secret.of("Bench#Pass0"));
        try (Rekey rekey = Rekey.start(config(dir, redis.port()), Clock.systemUTC(), null)) {
            Measure.figure("rate_limit_for_run", RATE_LIMIT, "req/s");
            double hello = plainHttp(rekey.port(), seconds);
            Measure.figure("plain_http_request", hello, "req/s");
            double e2e = endToEnd(rekey.port(), seconds);
            Measure.figure("tencent_modify_password_e2e", e2e, "changes/s");
            double direct = direct(redis.port(), seconds);
            Measure.figure("direct_redis_acl_change", direct, "changes/s");
            Measure.ratio("e2e_over_plain_http", e2e / hello);
            Measure.ratio("e2e_over_direct_redis", e2e / direct);
        } finally {
            redis.stop();
        }
    }

    private static dev.rekey.server.RekeyConfig config(Path dir, int redisPort) {
        String yaml = """
                server: { port: 0, data: ./data }
                tenants:
                  - name: bench
                    tencent: { secret-id: AKIDBENCH, secret-key: BENCHSECRET }
                instances:
                  - id: crs-bench001
                    tenant: bench
                    product: tencent-redis
                    region: ap-guangzhou
                    engine: { kind: redis, host: 127.0.0.1, port: %d, admin-user: bench-admin, admin-password-env: BENCH_ADMIN }
                limits:
                  tencent-redis: { ModifyInstancePassword: %d }
                """.formatted(redisPort, RATE_LIMIT);
        return new ConfigLoader(Map.of("BENCH_ADMIN", ADMIN)::get).parse(yaml, dir);
    }

    private static double plainHttp(int port, double seconds) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest hello = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).GET().build();
        return Measure.perSecond(seconds, () -> http.send(hello, HttpResponse.BodyHandlers.discarding()));
    }

    private static double endToEnd(int port, double seconds) throws Exception {
        var httpProfile = new HttpProfile();
        httpProfile.setEndpoint("127.0.0.1:" + port);
        httpProfile.setProtocol("http://");
        var profile = new ClientProfile();
        profile.setHttpProfile(httpProfile);
        RedisClient client = new RedisClient(new Credential("AKIDBENCH", "BENCHSECRET"), "ap-guangzhou", profile);
        int[] n = {0};
        return Measure.perSecond(seconds, () -> {
            var req = new ModifyInstancePasswordRequest();
            req.setInstanceId("crs-bench001");
            req.setOldPassword("Bench#Pass" + n[0]);
            req.setPassword("Bench#Pass" + (n[0] + 1));
            long task = client.ModifyInstancePassword(req).getTaskId();
            var poll = new DescribeTaskInfoRequest();
            poll.setTaskId(task);
            String status;
            do {
                status = client.DescribeTaskInfo(poll).getStatus();
            } while (!status.equals("succeed") && !status.equals("failed"));
            if (!status.equals("succeed")) throw new IllegalStateException("a benchmark change failed");
            n[0]++;
        });
    }

    /** The floor: ACL GETUSER, ACL SETUSER, ACL SAVE and a fresh connection's AUTH, on one admin connection. */
    private static double direct(int port, double seconds) throws Exception {
        var address = new HostAndPort("127.0.0.1", port);
        var admin = DefaultJedisClientConfig.builder().user("bench-admin").password(ADMIN).clientSetInfoConfig(
                redis.clients.jedis.ClientSetInfoConfig.DISABLED).build();
        String[] current = {Secret.of("unused").reveal()};
        try (Jedis jedis = new Jedis(address, admin)) {
            int[] n = {0};
            return Measure.perSecond(seconds, () -> {
                String next = "Direct#Pass" + n[0]++;
                jedis.sendCommand(Protocol.Command.ACL, "GETUSER", "default");
                jedis.sendCommand(Protocol.Command.ACL, "SETUSER", "default", "resetpass", "#" + Secret.of(next).sha256Hex());
                jedis.sendCommand(Protocol.Command.ACL, "SAVE");
                try (Jedis fresh = new Jedis(address, DefaultJedisClientConfig.builder().clientSetInfoConfig(
                        redis.clients.jedis.ClientSetInfoConfig.DISABLED).build())) {
                    fresh.auth("default", next);
                }
                current[0] = next;
            });
        }
    }
}
