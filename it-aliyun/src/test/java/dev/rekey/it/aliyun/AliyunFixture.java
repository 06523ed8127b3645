package dev.rekey.it.aliyun;

import com.aliyun.tea.TeaException;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.profile.DefaultProfile;
import dev.rekey.server.RedisCli;
import dev.rekey.server.TestRekey;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The Rekey the Aliyun SDK tests run against: tenant acme (testid) with a spawned redis-server instance r-bp1abc in
 * cn-hangzhou and an instance r-dead0001 in cn-shanghai whose engine is not answering; tenant other with r-other001.
 */
final class AliyunFixture {
    static final String KEY_ID = "testid";
    static final String SECRET = "testsecret";
    static final String INSTANCE = "r-bp1abc";
    static final String DEAD = "r-dead0001";
    static final String OTHERS = "r-other001";
    static final String INITIAL = "Initial#Pass1";
    /** A warm JVM runs a test class's SDK calls faster than the default 100 per second: only ThrottlingTest hits it. */
    static final String UNTHROTTLED = "requests-per-second: 100000";

    private AliyunFixture() {
    }

    /** {@code limits} is the body of the aliyun-redis limits section, e.g. {@code "requests-per-second: 100"}. */
    static String yaml(String limits) throws IOException {
        return """
                server: { port: 0 }
                tenants:
                  - name: acme
                    aliyun: { access-key-id: testid, access-key-secret: testsecret }
                  - name: other
                    aliyun: { access-key-id: otherid, access-key-secret: othersecret }
                instances:
                  - id: r-bp1abc
                    tenant: acme
                    product: aliyun-redis
                    region: cn-hangzhou
                    name: orders-cache
                    engine: { kind: redis, spawn: true, password: "Initial#Pass1" }
                  - id: r-other001
                    tenant: other
                    product: aliyun-redis
                    region: cn-hangzhou
                    engine: { kind: redis, spawn: true, password: "Other#Pass1" }
                  - id: r-dead0001
                    tenant: acme
                    product: aliyun-redis
                    region: cn-shanghai
                    name: dead-cache
                    engine: { kind: redis, host: 127.0.0.1, port: %d, admin-user: rekey-admin, admin-password-env: REKEY_TEST }
                limits:
                  aliyun-redis: { %s }
                """.formatted(deadPort(), limits);
    }

    /** A port nothing listens on: the engine of r-dead0001 refuses every connection. */
    private static int deadPort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The current SDK (com.aliyun:r_kvstore20150101), V3 ACS3-HMAC-SHA256 unless {@code algorithm} is "v2" (V1). */
    static com.aliyun.r_kvstore20150101.Client tea(TestRekey rekey, String keyId, String secret, String algorithm) {
        return tea(rekey.endpoint(), keyId, secret, algorithm);
    }

    /** {@code endpoint}: host:port of any running Rekey (a relay in front of one, or a `rekey serve` process). */
    static com.aliyun.r_kvstore20150101.Client tea(String endpoint, String keyId, String secret, String algorithm) {
        var cfg = new com.aliyun.teaopenapi.models.Config()
                .setAccessKeyId(keyId).setAccessKeySecret(secret)
                .setEndpoint(endpoint).setProtocol("http").setRegionId("cn-hangzhou");
        if (algorithm != null) cfg.setSignatureAlgorithm(algorithm);
        try {
            return new com.aliyun.r_kvstore20150101.Client(cfg);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The classic SDK (aliyun-java-sdk-core + aliyun-java-sdk-r-kvstore), V1 HMAC-SHA1. */
    static DefaultAcsClient classic(String keyId, String secret) {
        return new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou", keyId, secret));
    }

    /** The Aliyun code of the error {@code call} fails with; every error must carry a request id. */
    static String teaError(Callable<?> call) {
        try {
            call.call();
        } catch (TeaException e) {
            assertTrue(e.getData() != null && e.getData().get("RequestId") != null, "every error carries a RequestId");
            return e.getCode();
        } catch (Exception e) {
            if (e.getCause() instanceof TeaException t) return t.getCode();
            throw new AssertionError("not a TeaException", e);
        }
        return fail("expected an error");
    }

    /** The HTTP status of the error {@code call} fails with, as the current SDK reports it. */
    static int teaStatus(Callable<?> call) {
        try {
            call.call();
        } catch (TeaException e) {
            return e.getStatusCode();
        } catch (Exception e) {
            throw new AssertionError("not a TeaException", e);
        }
        return fail("expected an error");
    }

    static String classicError(Callable<?> call) {
        try {
            call.call();
        } catch (ClientException e) {
            assertFalse(e.getRequestId() == null || e.getRequestId().isEmpty(), "every error carries a RequestId");
            return e.getErrCode();
        } catch (Exception e) {
            throw new AssertionError("not a ClientException", e);
        }
        return fail("expected an error");
    }

    static boolean redisAccepts(String host, long port, String password) throws Exception {
        return RedisCli.accepts(host, (int) port, password);
    }
}
