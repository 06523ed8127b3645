package dev.rekey.server;

import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.redis.v20180412.models.ModfiyInstancePasswordRequest;
import com.tencentcloudapi.redis.v20180412.models.ModifyInstancePasswordRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The documented 20 requests per second per tenant and region, shared by both spellings of the action. */
class TencentRateLimitTest {
    @TempDir
    Path dir;

    @Test
    void aBurstOverTwentyPerSecondIsRefusedWithRequestLimitExceeded() throws Exception {
        String yaml = TencentRedisSdkTest.YAML.replace("tencent-redis: { ModifyInstancePassword: 1000, ResetPassword: 1000 }", "tencent-redis: {}");
        try (var rekey = TestRekey.start(dir, yaml)) {
            var client = TencentClients.redis(rekey, "AKIDEXAMPLE", "SECRETEXAMPLE", "ap-guangzhou", "TC3-HMAC-SHA256", "POST");
            var answers = new ArrayList<Future<String>>();
            try (var pool = Executors.newFixedThreadPool(8)) {
                for (int n = 0; n < 60; n++) {
                    boolean legacy = n % 2 == 0;
                    answers.add(pool.submit(() -> {
                        try {
                            if (legacy) {
                                var req = new ModfiyInstancePasswordRequest();
                                req.setInstanceId("crs-a1b2c3d4");
                                req.setOldPassword("Initial#Pass1");
                                req.setPassword("short");
                                client.ModfiyInstancePassword(req);
                            } else {
                                var req = new ModifyInstancePasswordRequest();
                                req.setInstanceId("crs-a1b2c3d4");
                                req.setOldPassword("Initial#Pass1");
                                req.setPassword("short");
                                client.ModifyInstancePassword(req);
                            }
                            return "accepted";
                        } catch (TencentCloudSDKException e) {
                            return e.getErrorCode();
                        }
                    }));
                }
            }
            int limited = 0, served = 0;
            for (var a : answers) {
                String code = a.get();
                if (code.equals("RequestLimitExceeded")) limited++;
                else if (code.equals("InvalidParameterValue.PasswordRuleError")) served++;
            }
            assertTrue(limited > 0, "some of 60 requests in a burst exceed 20/s");
            assertTrue(served >= 20, "the first 20 of each second are served: " + served);
            assertTrue(limited + served == 60, "every request is either served or limited");
        }
    }
}
