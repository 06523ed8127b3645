package dev.rekey.it.huawei;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.huaweicloud.sdk.dcs.v2.DcsClient;
import com.huaweicloud.sdk.dcs.v2.model.ShowInstanceRequest;
import dev.rekey.server.RawTc3Request;
import dev.rekey.server.RedisCli;
import dev.rekey.server.TestRekey;
import dev.rekey.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static dev.rekey.it.huawei.Dcs.change;
import static dev.rekey.it.huawei.Dcs.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Twenty Redis engines frozen (SIGSTOP) with a password change in flight on each, on a store pool of four
 * connections: no lock and no pooled connection is held while an engine is called, so describes on every cloud and
 * changes on healthy instances still answer within a second each. Once the engines run again, every frozen change
 * completes.
 */
class FrozenEnginesTest {
    private static final int FROZEN = 20;
    private static final Duration BOUND = Duration.ofSeconds(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private TestRekey rekey;
    private final List<Long> frozenPids = new ArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(FROZEN);

    @AfterEach
    void stop() {
        frozenPids.forEach(pid -> signal(pid, "CONT"));
        pool.shutdownNow();
        if (rekey != null) rekey.close();
    }

    private static String frozenId(int n) {
        return "dcs-frozen-%02d".formatted(n);
    }

    private static String yaml() {
        var instances = new StringBuilder();
        for (int n = 0; n < FROZEN; n++) {
            instances.append("  - { id: ").append(frozenId(n)).append(", tenant: acme, product: huawei-dcs, ")
                    .append("engine: { kind: redis, spawn: true, password: \"Initial#Pass1\" } }\n");
        }
        return """
                store: { pool-size: 4 }
                engines: { timeout: 10s }
                tenants:
                  - name: acme
                    huawei: { ak: AKEXAMPLE, sk: SKEXAMPLE, project-id: 0123456789abcdef0123456789abcdef }
                    tencent: { secret-id: AKIDEXAMPLE, secret-key: SECRETEXAMPLE }
                    aliyun: { access-key-id: testid, access-key-secret: testsecret }
                instances:
                  - { id: dcs-healthy-01, tenant: acme, product: huawei-dcs, engine: { kind: redis, spawn: true, password: "Initial#Pass1" } }
                  - { id: crs-healthy01, tenant: acme, product: tencent-redis, region: ap-guangzhou, engine: { kind: redis, spawn: true, password: "Initial#Pass1" } }
                  - { id: r-healthy01, tenant: acme, product: aliyun-redis, region: cn-hangzhou, engine: { kind: redis, spawn: true, password: "Initial#Pass1" } }
                """ + instances + """
                limits:
                  huawei-dcs: { UpdatePassword: 1000, ShowInstance: 1000 }
                  tencent-redis: { ModifyInstancePassword: 1000 }
                """;
    }

    @Test
    void describesAndHealthyChangesAnswerWithinASecondWhileTwentyEnginesHang() throws Exception {
        rekey = TestRekey.start(dir, yaml());
        DcsClient dcs = Dcs.client(rekey);
        var inFlight = new ArrayList<Future<String>>();
        for (int n = 0; n < FROZEN; n++) {
            String id = frozenId(n);
            long pid = Long.parseLong(Files.readString(dir.resolve("data/engines/" + id + "/redis.pid")).trim());
            signal(pid, "STOP");
            frozenPids.add(pid);
            inFlight.add(pool.submit(() -> summary(change(dcs, id, "Initial#Pass1", "Thawed#Pass2"))));
        }
        for (int n = 0; n < FROZEN; n++) {
            int port = Dcs.show(dcs, frozenId(n)).getPort();
            Await.until("Rekey is waiting on frozen engine " + frozenId(n), Duration.ofSeconds(5), () -> clientsOf(port) > 0);
        }

        for (int i = 0; i < 3; i++) {
            int round = i;
            within("Tencent DescribeInstances", () -> {
                JsonNode r = JSON.readTree(RawTc3Request.post(rekey.port(), "AKIDEXAMPLE", "SECRETEXAMPLE",
                        "DescribeInstances", "{}", Instant.now())).get("Response");
                assertEquals(1, r.get("TotalCount").asInt(), r.toString());
            });
            within("Huawei ShowInstance of a frozen instance",
                    () -> assertEquals("RUNNING", dcs.showInstance(new ShowInstanceRequest().withInstanceId(frozenId(round))).getStatus()));
            within("Aliyun DescribeInstanceAttribute", () -> {
                JsonNode r = aliyun("DescribeInstanceAttribute", Map.of("InstanceId", "r-healthy01"));
                assertEquals("r-healthy01", r.at("/Instances/DBInstanceAttribute/0/InstanceId").asText(), r.toString());
            });
            String old = round == 0 ? "Initial#Pass1" : "Healthy#Pass" + round;
            within("Huawei UpdatePassword on a healthy instance",
                    () -> assertEquals("success 5 0 0", summary(change(dcs, "dcs-healthy-01", old, "Healthy#Pass" + (round + 1)))));
            String tencentBody = "{\"InstanceId\":\"crs-healthy01\",\"OldPassword\":\"" + old + "\",\"Password\":\"Healthy#Pass" + (round + 1) + "\"}";
            within("Tencent ModifyInstancePassword on a healthy instance", () -> {
                JsonNode r = JSON.readTree(RawTc3Request.post(rekey.port(), "AKIDEXAMPLE", "SECRETEXAMPLE",
                        "ModifyInstancePassword", tencentBody, Instant.now())).get("Response");
                assertTrue(r.has("TaskId"), r.toString());
                long task = r.get("TaskId").asLong();
                Await.until("task " + task + " succeeds", Duration.ofSeconds(5), () -> "succeed".equals(taskStatus(task)));
            });
        }

        frozenPids.forEach(pid -> signal(pid, "CONT"));
        for (int n = 0; n < FROZEN; n++) {
            assertEquals("success 5 0 0", inFlight.get(n).get(), frozenId(n) + ": the change completes once the engine runs again");
            var shown = Dcs.show(dcs, frozenId(n));
            assertTrue(RedisCli.accepts(shown.getIp(), shown.getPort(), "Thawed#Pass2"), frozenId(n));
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private static void within(String what, Step step) throws Exception {
        long start = System.nanoTime();
        step.run();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(BOUND) < 0, what + " took " + took.toMillis() + " ms while twenty engines hang");
    }

    private String taskStatus(long task) throws Exception {
        return JSON.readTree(RawTc3Request.post(rekey.port(), "AKIDEXAMPLE", "SECRETEXAMPLE", "DescribeTaskInfo",
                "{\"TaskId\":" + task + "}", Instant.now())).at("/Response/Status").asText();
    }

    /** An Alibaba Cloud RPC call signed with V1 (HMAC-SHA1 over the sorted query), as the classic SDK sends it. */
    private JsonNode aliyun(String action, Map<String, String> params) throws Exception {
        var all = new TreeMap<>(params);
        all.put("Action", action);
        all.put("Version", "2015-01-01");
        all.put("Format", "JSON");
        all.put("AccessKeyId", "testid");
        all.put("SignatureMethod", "HMAC-SHA1");
        all.put("SignatureVersion", "1.0");
        all.put("SignatureNonce", UUID.randomUUID().toString());
        all.put("Timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        String query = all.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec("testsecret&".getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(("GET&%2F&" + encode(query)).getBytes(StandardCharsets.UTF_8)));
        var request = HttpRequest.newBuilder(URI.create("http://" + rekey.endpoint() + "/?" + query + "&Signature=" + encode(signature))).GET().build();
        return JSON.readTree(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    /** Connections to {@code port} that a client holds open (the kernel accepts them even while Redis is stopped). */
    private static int clientsOf(int port) throws Exception {
        Process p = new ProcessBuilder("ss", "-Htn", "state", "established", "( dport = :" + port + " )").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return (int) out.lines().filter(l -> !l.isBlank()).count();
    }

    private static void signal(long pid, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
