package dev.rekey.server;

import dev.rekey.core.Cloud;
import dev.rekey.core.Credential;

/** What `rekey serve --demo` prints: where to point an SDK, the demo's public keys, and a snippet to paste. */
final class DemoBanner {
    private DemoBanner() {
    }

    static String text(RekeyConfig cfg, int port) {
        var sb = new StringBuilder("\nDemo tenant 'demo' (these keys are public demo keys):\n");
        for (Credential c : cfg.credentials()) {
            // The demo keys are published in the README; printing them is the point of the demo.
            sb.append("  ").append(c.cloud().name().toLowerCase()).append(": id ").append(c.keyId())
                    .append(" secret ").append(c.secret().reveal())
                    .append(c.projectId() == null ? "" : " project " + c.projectId()).append('\n');
        }
        sb.append("Instances:\n");
        cfg.instances().forEach(i -> sb.append("  ").append(i.id()).append(" (").append(i.product().key()).append(", ")
                .append(i.region()).append(")").append(i.engine().initialPassword() == null ? "" : " initial password " + i.engine().initialPassword().reveal()).append('\n'));
        Credential tc = cfg.credentials().stream().filter(c -> c.cloud() == Cloud.TENCENT).findFirst().orElseThrow();
        sb.append("""

                Tencent Cloud Java SDK (com.tencentcloudapi:tencentcloud-sdk-java):
                  var http = new HttpProfile(); http.setEndpoint("127.0.0.1:%d"); http.setProtocol("http://");
                  var profile = new ClientProfile(); profile.setHttpProfile(http);
                  var redis = new RedisClient(new Credential("%s", "<secret above>"), "ap-guangzhou", profile);
                  var req = new ModifyInstancePasswordRequest();
                  req.setInstanceId("crs-demo0001"); req.setOldPassword("Demo#Pass2024"); req.setPassword("New#Pass2025");
                  System.out.println(redis.ModifyInstancePassword(req).getTaskId());
                """.formatted(port, tc.keyId()));
        return sb.toString();
    }
}
