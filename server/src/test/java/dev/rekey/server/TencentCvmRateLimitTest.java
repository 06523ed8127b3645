package dev.rekey.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.rekey.server.CvmSdk.code;
import static dev.rekey.server.CvmSdk.reset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ResetInstancesPassword: the documented 10 requests per second per tenant. */
class TencentCvmRateLimitTest {
    @TempDir
    Path dir;

    @Test
    void aBurstOverTenPerSecondIsRefusedWithRequestLimitExceeded() throws Exception {
        String yaml = """
                server: { port: 0 }
                tenants:
                  - name: acme
                    tencent: { secret-id: AKIDEXAMPLE, secret-key: SECRETEXAMPLE }
                instances:
                  - { id: ins-frozen99, tenant: acme, product: tencent-cvm, state: FREEZING, engine: { kind: guest, channel: "unix:/nonexistent/qga.sock" } }
                """;
        try (var rekey = TestRekey.start(dir, yaml)) {
            var cvm = CvmSdk.client(rekey, "AKIDEXAMPLE", "SECRETEXAMPLE", "ap-guangzhou");
            var answers = new ArrayList<Future<String>>();
            try (var pool = Executors.newFixedThreadPool(8)) {
                for (int n = 0; n < 40; n++) {
                    answers.add(pool.submit(() -> code(() -> cvm.ResetInstancesPassword(reset("Rate#Pass123", true, "ins-frozen99")))));
                }
            }
            int limited = 0, served = 0;
            for (var a : answers) {
                String code = a.get();
                if (code.equals("RequestLimitExceeded")) limited++;
                else if (code.equals("UnsupportedOperation.InstanceStateFreezing")) served++;
            }
            assertTrue(limited > 0, "some of 40 requests in a burst exceed 10/s");
            assertTrue(served >= 10, "the first 10 of each second are served: " + served);
            assertEquals(40, limited + served, "every request is either served or limited");
        }
    }
}
