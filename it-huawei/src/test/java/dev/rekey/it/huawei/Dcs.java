package dev.rekey.it.huawei;

import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.exception.ClientRequestException;
import com.huaweicloud.sdk.dcs.v2.DcsClient;
import com.huaweicloud.sdk.dcs.v2.model.ModifyInstancePasswordBody;
import com.huaweicloud.sdk.dcs.v2.model.ResetInstancePasswordBody;
import com.huaweicloud.sdk.dcs.v2.model.ResetPasswordRequest;
import com.huaweicloud.sdk.dcs.v2.model.ResetPasswordResponse;
import com.huaweicloud.sdk.dcs.v2.model.ShowInstanceRequest;
import com.huaweicloud.sdk.dcs.v2.model.ShowInstanceResponse;
import com.huaweicloud.sdk.dcs.v2.model.UpdatePasswordRequest;
import com.huaweicloud.sdk.dcs.v2.model.UpdatePasswordResponse;
import dev.rekey.server.TestRekey;
import org.junit.jupiter.api.function.Executable;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The official DCS v2 SDK pointed at a test Rekey (protocol notes §5.1), and the checks every test repeats. */
final class Dcs {
    static final String AK = "AKEXAMPLE";
    static final String SK = "SKEXAMPLE";
    static final String PROJECT = "0123456789abcdef0123456789abcdef";
    static final String OTHER_PROJECT = "fedcba9876543210fedcba9876543210";

    /** The tenants every test configuration starts with: acme (AKEXAMPLE) and other (AKOTHER). */
    static final String TENANTS = """
            tenants:
              - name: acme
                huawei: { ak: AKEXAMPLE, sk: SKEXAMPLE, project-id: 0123456789abcdef0123456789abcdef }
              - name: other
                huawei: { ak: AKOTHER, sk: SKOTHER, project-id: fedcba9876543210fedcba9876543210 }
            """;

    private Dcs() {
    }

    static DcsClient client(TestRekey rekey) {
        return client(rekey, AK, SK, PROJECT);
    }

    static DcsClient client(TestRekey rekey, String ak, String sk, String project) {
        return client(rekey.endpoint(), ak, sk, project);
    }

    /** {@code endpoint}: host:port of any running Rekey (a relay in front of one, or a `rekey serve` process). */
    static DcsClient client(String endpoint, String ak, String sk, String project) {
        var credentials = new BasicCredentials().withAk(ak).withSk(sk).withProjectId(project);
        return DcsClient.newBuilder().withCredential(credentials)
                .withEndpoints(List.of("http://" + endpoint)).build();
    }

    static UpdatePasswordResponse change(DcsClient client, String id, String old, String next) {
        return client.updatePassword(new UpdatePasswordRequest().withInstanceId(id)
                .withBody(new ModifyInstancePasswordBody().withOldPassword(old).withNewPassword(next)));
    }

    static ResetPasswordResponse reset(DcsClient client, String id, String next, Boolean noPasswordAccess) {
        return client.resetPassword(new ResetPasswordRequest().withInstanceId(id)
                .withBody(new ResetInstancePasswordBody().withNewPassword(next).withNoPasswordAccess(noPasswordAccess)));
    }

    static ShowInstanceResponse show(DcsClient client, String id) {
        return client.showInstance(new ShowInstanceRequest().withInstanceId(id));
    }

    /** result, retry_times_left, lock_time, lock_time_left, as one comparable line. */
    static String summary(UpdatePasswordResponse r) {
        return r.getResult().getValue() + " " + r.getRetryTimesLeft() + " " + r.getLockTime() + " " + r.getLockTimeLeft();
    }

    /** The refusal's error code, after checking it is a client error with a Huawei-style request id. */
    static ClientRequestException refused(Executable call) {
        var e = assertThrows(ClientRequestException.class, call);
        assertTrue(e.getRequestId() != null && e.getRequestId().matches("[0-9a-f]{32}"),
                "every error carries X-Request-Id, got " + e.getRequestId());
        return e;
    }

    static void assertRefused(int status, String code, Executable call) {
        var e = refused(call);
        assertEquals(code, e.getErrorCode(), e.getErrorMsg());
        assertEquals(status, e.getHttpStatusCode());
    }
}
