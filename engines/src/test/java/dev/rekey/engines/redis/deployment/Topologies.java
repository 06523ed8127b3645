package dev.rekey.engines.redis.deployment;

import static org.junit.jupiter.api.Assertions.fail;

import dev.rekey.core.EngineException;
import dev.rekey.core.Secret;
import dev.rekey.engines.redis.RedisProcess;
import org.junit.jupiter.api.Assumptions;

/** Names and passwords shared by the topology tests, and the check that redis-server is installed. */
final class Topologies {

    static final String ADMIN = "rekey-admin";
    static final Secret ADMIN_PASSWORD = Secret.of("admin-Pa55-word-7f3e");
    static final String ACCOUNT = "default";
    static final String AUTH_FAILURE_LOG = "Unable to AUTH to MASTER";

    private Topologies() {
    }

    /** A missing redis-server fails the run on CI and skips elsewhere, as for the single-node tests. */
    static void requireRedisServer() {
        try {
            RedisProcess.serverBinary();
        } catch (EngineException e) {
            if ("true".equals(System.getenv("CI"))) fail(e.getMessage());
            Assumptions.abort(e.getMessage());
        }
    }

    /** A fresh password per step, so no test depends on another's order. */
    static Secret password(String label) {
        return Secret.of("Pa55-" + label + "-" + Long.toHexString(System.nanoTime()));
    }
}
