package dev.rekey.engines.redis;

import static dev.rekey.engines.redis.RedisFixture.ADMIN;
import static dev.rekey.engines.redis.RedisFixture.ADMIN_PASSWORD;
import static dev.rekey.engines.redis.RedisFixture.INITIAL;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekey.core.EngineException;
import dev.rekey.core.Secret;
import dev.rekey.engines.FreePort;
import dev.rekey.testkit.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Instances Rekey did not spawn: users in redis.conf instead of an aclfile, or no config file at all. */
class ExternalRedisPersistTest {

    private static final Secret NEXT = Secret.of("Next-Pa55-word-c3c3");

    private final RedisFixture fixture = new RedisFixture();
    @TempDir
    Path dir;

    @BeforeEach
    void requireRedis() {
        RedisFixture.requireRedisServer();
    }

    @AfterEach
    void stopEverything() {
        fixture.stopAll();
    }

    @Test
    void persistRewritesTheConfigFileWhenThereIsNoAclFile() throws Exception {
        int port = FreePort.pick();
        Path conf = dir.resolve("redis.conf");
        Files.writeString(conf, String.join("\n",
                "port " + port, "bind 127.0.0.1", "dir " + dir, "save \"\"", "appendonly no",
                "user default on #" + INITIAL.sha256Hex() + " ~* &* +@all",
                "user " + ADMIN + " on #" + ADMIN_PASSWORD.sha256Hex() + " " + RedisDir.ADMIN_RULES, ""));
        RedisPasswordEngine engine = launch(port, conf.toString());

        engine.replace(NEXT);
        engine.persist();

        String rewritten = Files.readString(conf);
        assertTrue(rewritten.contains("#" + NEXT.sha256Hex()), rewritten);
        assertFalse(rewritten.contains(NEXT.reveal()));
    }

    @Test
    void persistFailsWhenTheServerHasNeitherAclFileNorConfigFile() throws Exception {
        int port = FreePort.pick();
        RedisPasswordEngine engine = launch(port, "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--dir", dir.toString(), "--save", "", "--appendonly", "no",
                "--user", "default", "on", "#" + INITIAL.sha256Hex(), "~*", "&*", "+@all",
                "--user", ADMIN, "on", "#" + ADMIN_PASSWORD.sha256Hex(), "-@all", "+acl|save", "+config|rewrite",
                "+acl|setuser", "+ping");
        engine.replace(NEXT);

        EngineException failure = assertThrows(EngineException.class, engine::persist);
        assertTrue(failure.getMessage().contains("without a config file"), failure.getMessage());
    }

    private RedisPasswordEngine launch(int port, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(RedisProcess.serverBinary().toString()));
        command.addAll(List.of(arguments));
        fixture.trackBare(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.out").toFile()).start());
        RedisPasswordEngine engine = new RedisPasswordEngine("127.0.0.1", port, ADMIN, ADMIN_PASSWORD, "default");
        Await.until("redis-server on port " + port + " answers PING", Duration.ofSeconds(10), () -> {
            try {
                engine.ping();
                return true;
            } catch (EngineException notYet) {
                return false;
            }
        });
        return engine;
    }
}
