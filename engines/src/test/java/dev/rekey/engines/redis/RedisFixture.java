package dev.rekey.engines.redis;

import static org.junit.jupiter.api.Assertions.fail;

import dev.rekey.core.EngineException;
import dev.rekey.core.Secret;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/** Spawns real redis-servers for a test and stops every one of them by pid afterwards. */
final class RedisFixture {

    static final String ADMIN = "rekeyadmin";
    static final Secret ADMIN_PASSWORD = Secret.of("admin-Pa55-word-7f3e");
    static final Secret INITIAL = Secret.of("Initial-Pa55-1b9c");

    private final List<RedisProcess> started = new ArrayList<>();
    private final List<ProcessHandle> bare = new ArrayList<>();

    /** A missing redis-server fails the run on CI (where it hides a broken install step) and skips elsewhere. */
    static void requireRedisServer() {
        if (RedisServerBinary.find().isPresent()) return;
        if ("true".equals(System.getenv("CI"))) fail(RedisServerBinary.MISSING);
        System.err.println("SKIPPING Redis engine tests: " + RedisServerBinary.MISSING);
        Assumptions.abort(RedisServerBinary.MISSING);
    }

    RedisProcess start(Path dir) throws EngineException {
        return track(RedisProcess.start(dir, 0, ADMIN, ADMIN_PASSWORD, "default", INITIAL));
    }

    RedisProcess track(RedisProcess process) {
        started.add(process);
        return process;
    }

    ProcessHandle trackBare(Process process) {
        bare.add(process.toHandle());
        return process.toHandle();
    }

    void stopAll() {
        started.forEach(RedisProcess::stop);
        for (ProcessHandle handle : bare) {
            handle.destroy();
            handle.onExit().orTimeout(5, java.util.concurrent.TimeUnit.SECONDS)
                    .exceptionally(timeout -> {
                        handle.destroyForcibly();
                        return handle;
                    }).join();
        }
        started.clear();
        bare.clear();
    }

    /** A plain client connection, as an application would open one. */
    static Jedis client(int port) {
        return new Jedis(new HostAndPort(RedisProcess.HOST, port), DefaultJedisClientConfig.builder()
                .timeoutMillis(2000)
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED)
                .build());
    }
}
