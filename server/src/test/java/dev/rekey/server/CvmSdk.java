package dev.rekey.server;

import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.cvm.v20170312.CvmClient;
import com.tencentcloudapi.cvm.v20170312.models.DescribeInstancesRequest;
import com.tencentcloudapi.cvm.v20170312.models.Instance;
import com.tencentcloudapi.cvm.v20170312.models.ResetInstancesPasswordRequest;
import com.tencentcloudapi.cvm.v20170312.models.StartInstancesRequest;
import com.tencentcloudapi.cvm.v20170312.models.StopInstancesRequest;

import dev.rekey.testkit.Await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The official CVM client of tencentcloud-sdk-java 3.1.1436 against a test Rekey, and waiting for outcomes. */
final class CvmSdk {
    private CvmSdk() {
    }

    static CvmClient client(TestRekey rekey, String secretId, String secretKey, String region) {
        return client(rekey.endpoint(), secretId, secretKey, region);
    }

    static CvmClient client(String endpoint, String secretId, String secretKey, String region) {
        return new CvmClient(new Credential(secretId, secretKey), region,
                TencentClients.profile(endpoint, "TC3-HMAC-SHA256", "POST"));
    }

    static ResetInstancesPasswordRequest reset(String password, Boolean forceStop, String... ids) {
        var req = new ResetInstancesPasswordRequest();
        req.setInstanceIds(ids);
        req.setPassword(password);
        req.setForceStop(forceStop);
        return req;
    }

    static String stop(CvmClient client, String stopType, String... ids) throws TencentCloudSDKException {
        var req = new StopInstancesRequest();
        req.setInstanceIds(ids);
        req.setStopType(stopType);
        return client.StopInstances(req).getRequestId();
    }

    static String start(CvmClient client, String... ids) throws TencentCloudSDKException {
        var req = new StartInstancesRequest();
        req.setInstanceIds(ids);
        return client.StartInstances(req).getRequestId();
    }

    static Instance describe(CvmClient client, String id) throws TencentCloudSDKException {
        var req = new DescribeInstancesRequest();
        req.setInstanceIds(new String[]{id});
        Instance[] set = client.DescribeInstances(req).getInstanceSet();
        assertEquals(1, set.length, id);
        return set[0];
    }

    /** Polls DescribeInstances until the request's operation has left OPERATING on every instance (at most 40 s). */
    static List<Instance> awaitOutcome(CvmClient client, String requestId, String... ids) throws Exception {
        var last = new AtomicReference<List<Instance>>(List.of());
        return Await.value(() -> "request " + requestId + " ends: " + states(last.get()), Duration.ofSeconds(40), () -> {
            var req = new DescribeInstancesRequest();
            req.setInstanceIds(ids);
            List<Instance> set = Arrays.asList(client.DescribeInstances(req).getInstanceSet());
            last.set(set);
            boolean done = set.size() == ids.length && set.stream().allMatch(i -> requestId.equals(i.getLatestOperationRequestId())
                    && !"OPERATING".equals(i.getLatestOperationState()));
            return done ? Optional.of(sortedLike(set, ids)) : Optional.empty();
        });
    }

    /** Polls until the instance's latest operation is OPERATING for this request. */
    static Instance awaitOperating(CvmClient client, String requestId, String id) throws Exception {
        return Await.value(id + " is OPERATING for " + requestId, Duration.ofSeconds(10), () -> {
            Instance i = describe(client, id);
            boolean operating = requestId.equals(i.getLatestOperationRequestId()) && "OPERATING".equals(i.getLatestOperationState());
            return operating ? Optional.of(i) : Optional.empty();
        });
    }

    static String states(List<Instance> set) {
        var out = new ArrayList<String>();
        for (Instance i : set) {
            out.add(i.getInstanceId() + "=" + i.getInstanceState() + "/" + i.getLatestOperation() + "/"
                    + i.getLatestOperationState() + "/" + i.getLatestOperationErrorMsg());
        }
        return String.join(", ", out);
    }

    private static List<Instance> sortedLike(List<Instance> set, String... ids) {
        var out = new ArrayList<Instance>();
        for (String id : ids) set.stream().filter(i -> i.getInstanceId().equals(id)).forEach(out::add);
        return out;
    }

    static String code(ThrowingCall call) {
        try {
            call.run();
        } catch (TencentCloudSDKException e) {
            return e.getErrorCode();
        }
        throw new AssertionError("the call was not refused");
    }

    @FunctionalInterface
    interface ThrowingCall {
        void run() throws TencentCloudSDKException;
    }
}
