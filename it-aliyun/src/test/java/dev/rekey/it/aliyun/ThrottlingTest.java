package dev.rekey.it.aliyun;

import com.aliyun.r_kvstore20150101.models.DescribeInstancesRequest;
import com.aliyun.r_kvstore20150101.models.ModifyInstanceAttributeRequest;
import dev.rekey.server.TestRekey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.rekey.it.aliyun.AliyunFixture.INSTANCE;
import static dev.rekey.it.aliyun.AliyunFixture.KEY_ID;
import static dev.rekey.it.aliyun.AliyunFixture.SECRET;
import static dev.rekey.it.aliyun.AliyunFixture.teaError;
import static dev.rekey.it.aliyun.AliyunFixture.teaStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-tenant budget from {@code limits: aliyun-redis: requests-per-second}, shared by every action. */
class ThrottlingTest {
    @TempDir
    Path dir;

    @Test
    void aBurstOverTheTenantsBudgetIsThrottlingUserAndTheOtherTenantIsUnaffected() throws Exception {
        try (var rekey = TestRekey.start(dir, AliyunFixture.yaml("requests-per-second: 10"))) {
            var client = AliyunFixture.tea(rekey, KEY_ID, SECRET, null);
            var answers = new ArrayList<Future<String>>();
            try (var pool = Executors.newFixedThreadPool(8)) {
                for (int n = 0; n < 60; n++) {
                    boolean write = n % 2 == 0;
                    answers.add(pool.submit(() -> {
                        try {
                            if (write) {
                                client.modifyInstanceAttribute(new ModifyInstanceAttributeRequest().setInstanceId(INSTANCE).setInstanceName("burst"));
                            } else {
                                client.describeInstances(new DescribeInstancesRequest());
                            }
                            return "served";
                        } catch (Exception e) {
                            return teaError(() -> {
                                throw e;
                            });
                        }
                    }));
                }
            }
            int limited = 0, served = 0;
            for (var a : answers) {
                String answer = a.get();
                if (answer.equals("Throttling.User")) limited++;
                else if (answer.equals("served")) served++;
            }
            assertTrue(limited > 0, "some of 60 requests in a burst exceed 10/s");
            assertTrue(served >= 10, "the first 10 of each second are served: " + served);
            assertEquals(60, limited + served, "every request is either served or throttled");

            var other = AliyunFixture.tea(rekey, "otherid", "othersecret", null);
            assertEquals(1, other.describeInstances(new DescribeInstancesRequest()).getBody().getTotalCount(),
                    "the other tenant has a budget of its own");
            // Sequential requests: unless each takes over 100 ms, some second sees more than 10 of them.
            for (int n = 0; n < 100; n++) {
                try {
                    client.describeInstances(new DescribeInstancesRequest());
                } catch (Exception e) {
                    assertEquals(400, teaStatus(() -> {
                        throw e;
                    }));
                    return;
                }
            }
            throw new AssertionError("100 sequential requests never exceeded a budget of 10 per second");
        }
    }
}
