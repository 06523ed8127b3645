package dev.rekey.api.aliyun;

import dev.rekey.api.HttpAnswer;
import dev.rekey.api.Pipeline;
import dev.rekey.api.RawRequest;
import dev.rekey.api.RecordedAudit;
import dev.rekey.api.RouteTable;
import dev.rekey.api.WireRequest;
import dev.rekey.core.AuditEntry;
import dev.rekey.core.Cloud;
import dev.rekey.core.Credential;
import dev.rekey.core.Limits;
import dev.rekey.core.RateLimiter;
import dev.rekey.core.RateWindows;
import dev.rekey.core.Secret;
import dev.rekey.testkit.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pipeline's audit, through the Aliyun dialect: every request to a mutating route is recorded once with its
 * outcome, whichever stage refused it; reads are not recorded. The core is not wired: these requests end before it.
 */
class AliyunAuditTest {
    private static final Instant NOW = Instant.parse("2026-11-23T07:18:15Z");
    private static final Credential TESTID = new Credential(Cloud.ALIYUN, "tenant-a", "testid", Secret.of("testsecret"), null);
    private static final String PASSWORD = "Never#Logged1";

    private final RecordedAudit audit = new RecordedAudit();

    private HttpAnswer send(RateWindows windows, String secret, String action, Map<String, String> params) {
        var clock = new MutableClock(NOW);
        var verifier = new AliyunSignatureVerifier((cloud, id) -> Optional.of(TESTID).filter(c -> c.keyId().equals(id)),
                new InMemoryNonceRegistry(clock), clock);
        var routes = RouteTable.of(AliyunRedisRoute.class, new AliyunRedisActions(null, null, null, null));
        var pipeline = new Pipeline<>(new AliyunDialect(verifier, routes), new RateLimiter(windows, clock),
                Limits.defaults(), audit, clock);
        RawRequest request = V1TestSigner.post("testid", secret, NOW, AliyunRedisRoute.VERSION, action, params);
        return pipeline.handle(WireRequest.of(request));
    }

    private AuditEntry only() {
        List<AuditEntry> entries = audit.all();
        assertEquals(1, entries.size(), entries.toString());
        return entries.getFirst();
    }

    @Test
    void aChangeRefusedForItsSignatureIsRecordedOnceWithNoTenant() {
        send((b, s, l) -> true, "not-the-secret", "ResetAccountPassword",
                Map.of("InstanceId", "r-bp1abc", "AccountName", "r-bp1abc", "AccountPassword", PASSWORD));

        AuditEntry entry = only();
        assertEquals("ResetAccountPassword", entry.action());
        assertEquals("r-bp1abc", entry.instanceId());
        assertEquals("refused: SignatureDoesNotMatch", entry.outcome());
        assertNull(entry.tenant(), "an unauthenticated caller is nobody's tenant");
        assertFalse(entry.toString().contains(PASSWORD));
    }

    @Test
    void aThrottledChangeIsRecordedWithTheCoresCodeAndTheCaller() {
        send((b, s, l) -> false, "testsecret", "ModifyInstanceAttribute", Map.of("InstanceId", "r-bp1abc",
                "NewPassword", PASSWORD));

        AuditEntry entry = only();
        assertEquals("refused: RATE_LIMITED", entry.outcome());
        assertEquals("tenant-a", entry.tenant());
        assertEquals("testid", entry.actor());
        assertFalse(entry.toString().contains(PASSWORD));
    }

    @Test
    void aChangeRefusedForItsShapeIsRecorded() {
        HttpAnswer answer = send((b, s, l) -> true, "testsecret", "ModifyInstanceAttribute",
                Map.of("InstanceId", "r-bp1abc", "InstanceName", "1 bad name"));

        assertEquals(400, answer.status());
        assertEquals("refused: InvalidInstanceName.Malformed", only().outcome());
    }

    @Test
    void aReadIsNotRecordedWhateverItsOutcome() {
        send((b, s, l) -> false, "testsecret", "DescribeInstances", Map.of());
        send((b, s, l) -> true, "not-the-secret", "DescribeInstanceAttribute", Map.of("InstanceId", "r-bp1abc"));

        assertTrue(audit.all().isEmpty(), audit.all().toString());
    }

    @Test
    void anUnexpectedFailureOfAChangeIsRecordedAsAFailure() {
        HttpAnswer answer = send((b, s, l) -> true, "testsecret", "ModifyAccountPassword", Map.of("InstanceId",
                "r-bp1abc", "AccountName", "r-bp1abc", "OldAccountPassword", PASSWORD, "NewAccountPassword", PASSWORD));

        assertEquals(500, answer.status(), "the core is not wired here");
        assertEquals("failed: internal error", only().outcome());
    }
}
