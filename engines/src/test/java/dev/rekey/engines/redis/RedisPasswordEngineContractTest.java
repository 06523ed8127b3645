package dev.rekey.engines.redis;

import static dev.rekey.engines.redis.RedisFixture.ADMIN;
import static dev.rekey.engines.redis.RedisFixture.ADMIN_PASSWORD;

import dev.rekey.core.PasswordEngine;
import dev.rekey.core.Secret;
import dev.rekey.testkit.PasswordEngineContract;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The engine contract on a spawned redis-server, its {@code default} user changed through a least-rights admin. */
class RedisPasswordEngineContractTest extends PasswordEngineContract {
    private final RedisFixture fixture = new RedisFixture();
    @TempDir
    Path temp;
    private RedisProcess redis;

    @BeforeAll
    static void requireRedisServer() {
        RedisFixture.requireRedisServer();
    }

    @Override
    protected PasswordEngine start(Secret initial) throws Exception {
        redis = fixture.track(RedisProcess.start(temp.resolve("redis"), 0, ADMIN, ADMIN_PASSWORD, "default", initial));
        return redis.engine();
    }

    @Override
    protected PasswordEngine restart() throws Exception {
        Path dir = redis.dir();
        redis.stop();
        redis = fixture.track(RedisProcess.resume(dir, ADMIN, ADMIN_PASSWORD, "default"));
        return redis.engine();
    }

    @Override
    protected void stop() {
        fixture.stopAll();
    }

    @Override
    protected long pid() {
        return redis.pid();
    }

    @Override
    protected boolean supportsPasswordFree() {
        return true;
    }

    /** Every admin call and every verifying login has a 2 s connect and read timeout. */
    @Override
    protected Duration callTimeout() {
        return RedisConnections.DEFAULT_TIMEOUT;
    }
}
