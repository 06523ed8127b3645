package dev.rekey.bench;

import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.cvm.v20170312.CvmClient;
import com.tencentcloudapi.cvm.v20170312.models.DescribeInstancesRequest;
import com.tencentcloudapi.cvm.v20170312.models.Instance;
import com.tencentcloudapi.cvm.v20170312.models.ResetInstancesPasswordRequest;
import com.tencentcloudapi.cvm.v20170312.models.StopInstancesRequest;
import dev.rekey.core.Secret;
import dev.rekey.engines.guest.GuestAgentClient;
import dev.rekey.engines.guest.ShaCrypt;
import dev.rekey.server.ConfigLoader;
import dev.rekey.server.Rekey;
import dev.rekey.server.RekeyConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Issue 6's benchmark: CVM ResetInstancesPassword on a batch of spawned guests, timed from the SDK call until
 * DescribeInstances shows every instance SUCCESS, beside the floor of the same guest-set-user-password calls made
 * directly to the same agents in parallel (hash included, no Rekey). Paths: "forcestop" = running guests, each
 * stopped (SIGTERM), started again and set through its agent; "offline" = stopped guests, hash written into the
 * sandbox's shadow file. On 2 cores the hashing and chpasswd inside the guests bound the floor.
 */
final class CvmBench {
    private static final int RATE_LIMIT = 1_000_000;
    private static final int SINGLE_RUNS = 3;

    private CvmBench() {
    }

    static void run(Path dir, boolean quick) throws Exception {
        int n = quick ? 25 : 100;
        String[] ids = IntStream.range(0, n).mapToObj("ins-b%07d"::formatted).toArray(String[]::new);
        System.out.println("# cvm: " + n + " spawned guests; forcestop = running guests stopped, started and set through"
                + " the agent; offline = stopped guests, hash written into etc/shadow; floor = direct agent calls");
        long t0 = System.nanoTime();
        try (Rekey rekey = Rekey.start(config(dir, ids), java.time.Clock.systemUTC(), null)) {
            Measure.figure("cvm_start_rekey_with_" + n + "_spawned_guests", millisSince(t0), "ms");
            CvmClient cvm = client(rekey.port());
            Path engines = dir.resolve("data/engines");

            double floor = directFloor(engines, ids, "Floor#Pass0");
            Measure.figure("cvm_floor_direct_set_user_password_" + n + "_parallel", floor, "ms");
            double singleFloor = median(k -> directFloor(engines, new String[]{ids[0]}, "Floor#One" + k));
            Measure.figure("cvm_floor_direct_set_user_password_1", singleFloor, "ms");

            double singleForce = median(k -> reset(cvm, "Single#Force" + k, true, ids[0]));
            Measure.figure("cvm_reset_1_guest_forcestop_running", singleForce, "ms");
            double batchForce = reset(cvm, "Batch#Force1", true, ids);
            Measure.figure("cvm_reset_" + n + "_guests_forcestop_running", batchForce, "ms");

            stopAll(cvm, ids);
            double batchOffline = reset(cvm, "Batch#Offline1", false, ids);
            Measure.figure("cvm_reset_" + n + "_guests_offline_stopped", batchOffline, "ms");
            double singleOffline = median(k -> reset(cvm, "Single#Offline" + k, false, ids[0]));
            Measure.figure("cvm_reset_1_guest_offline_stopped", singleOffline, "ms");

            Measure.ratio("cvm_forcestop_batch_over_floor", batchForce / floor);
            Measure.ratio("cvm_offline_batch_over_floor", batchOffline / floor);
            Measure.ratio("cvm_forcestop_single_over_single_floor", singleForce / singleFloor);
        }
    }

    private static RekeyConfig config(Path dir, String[] ids) {
        var yaml = new StringBuilder("""
                server: { port: 0, data: ./data }
                tenants:
                  - name: bench
                    tencent: { secret-id: AKIDBENCH, secret-key: BENCHSECRET }
                instances:
                """);
        for (String id : ids) {
            yaml.append("  - { id: ").append(id).append(", tenant: bench, product: tencent-cvm, os: linux,"
                    + " engine: { kind: guest, spawn: true, users: [root], password: \"Bench#Initial1\" } }\n");
        }
        yaml.append("limits:\n  tencent-cvm: { ResetInstancesPassword: %d, StopInstances: %d, DescribeInstances: %d }\n"
                .formatted(RATE_LIMIT, RATE_LIMIT, RATE_LIMIT));
        return new ConfigLoader(Map.<String, String>of()::get).parse(yaml.toString(), dir);
    }

    private static CvmClient client(int port) {
        var http = new HttpProfile();
        http.setEndpoint("127.0.0.1:" + port);
        http.setProtocol("http://");
        var profile = new ClientProfile();
        profile.setHttpProfile(http);
        return new CvmClient(new Credential("AKIDBENCH", "BENCHSECRET"), "ap-guangzhou", profile);
    }

    /** The floor: each guest's hash computed and sent with guest-set-user-password, all at once, on virtual threads. */
    private static double directFloor(Path engines, String[] ids, String password) throws Exception {
        long t0 = System.nanoTime();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var calls = new ArrayList<Future<Void>>();
            for (String id : ids) {
                calls.add(threads.submit(() -> {
                    String hash = ShaCrypt.sha512Crypt(Secret.of(password));
                    try (GuestAgentClient agent = GuestAgentClient.connect(engines.resolve(id).resolve("qga.sock"))) {
                        agent.setUserPassword("root", hash);
                    }
                    return null;
                }));
            }
            for (Future<Void> call : calls) call.get();
        }
        return millisSince(t0);
    }

    /** From the ResetInstancesPassword call until DescribeInstances shows SUCCESS on every instance. */
    private static double reset(CvmClient cvm, String password, boolean forceStop, String... ids) throws Exception {
        long t0 = System.nanoTime();
        var req = new ResetInstancesPasswordRequest();
        req.setInstanceIds(ids);
        req.setPassword(password);
        req.setForceStop(forceStop);
        awaitSuccess(cvm, cvm.ResetInstancesPassword(req).getRequestId(), ids);
        return millisSince(t0);
    }

    private static void stopAll(CvmClient cvm, String[] ids) throws Exception {
        var req = new StopInstancesRequest();
        req.setInstanceIds(ids);
        req.setStopType("SOFT_FIRST");
        awaitSuccess(cvm, cvm.StopInstances(req).getRequestId(), ids);
    }

    private static void awaitSuccess(CvmClient cvm, String requestId, String[] ids) throws Exception {
        var describe = new DescribeInstancesRequest();
        describe.setInstanceIds(ids);
        describe.setLimit(100L);
        while (true) {
            List<Instance> set = Arrays.asList(cvm.DescribeInstances(describe).getInstanceSet());
            if (set.stream().anyMatch(i -> requestId.equals(i.getLatestOperationRequestId())
                    && "FAILED".equals(i.getLatestOperationState()))) {
                throw new IllegalStateException("a benchmark operation failed");
            }
            if (set.size() == ids.length && set.stream().allMatch(i -> requestId.equals(i.getLatestOperationRequestId())
                    && "SUCCESS".equals(i.getLatestOperationState()))) {
                return;
            }
            Thread.sleep(5);
        }
    }

    @FunctionalInterface
    private interface Run {
        double millis(int k) throws Exception;
    }

    private static double median(Run run) throws Exception {
        double[] runs = new double[SINGLE_RUNS];
        for (int k = 0; k < SINGLE_RUNS; k++) runs[k] = run.millis(k);
        Arrays.sort(runs);
        return runs[SINGLE_RUNS / 2];
    }

    private static double millisSince(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }
}
