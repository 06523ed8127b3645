package dev.rekey.engines.redis;

import static dev.rekey.engines.redis.RedisFixture.ADMIN;
import static dev.rekey.engines.redis.RedisFixture.ADMIN_PASSWORD;
import static dev.rekey.engines.redis.RedisFixture.INITIAL;
import static dev.rekey.engines.redis.RedisFixture.client;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekey.core.EngineException;
import dev.rekey.core.EngineState;
import dev.rekey.core.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

class RedisPasswordEngineTest {

    private static final Secret NEXT = Secret.of("Next-Pa55-word-42aa");

    private final RedisFixture fixture = new RedisFixture();
    private RedisProcess redis;
    private RedisPasswordEngine engine;

    @BeforeEach
    void startRedis(@TempDir Path dir) throws EngineException {
        RedisFixture.requireRedisServer();
        redis = fixture.start(dir);
        engine = redis.engine();
    }

    @AfterEach
    void stopRedis() {
        fixture.stopAll();
    }

    @Test
    void initialPasswordIsTheOnlyOneAccepted() {
        assertTrue(accepts(INITIAL));
        assertFalse(accepts(NEXT));
        assertEquals("NOAUTH", pingWithoutAuthError());
    }

    @Test
    void redisCliLogsInWithTheInitialPassword() throws Exception {
        Process cli = new ProcessBuilder("redis-cli", "-p", String.valueOf(redis.port()), "--user", "default",
                "--pass", INITIAL.reveal(), "--no-auth-warning", "PING").redirectErrorStream(true).start();
        assertTrue(cli.waitFor(5, TimeUnit.SECONDS), "redis-cli did not finish");
        assertEquals("PONG", new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
    }

    @Test
    void readReportsTheFingerprintOfTheInitialPassword() throws EngineException {
        EngineState state = engine.read();
        assertEquals(Set.of(INITIAL.sha256Hex()), state.fingerprints());
        assertFalse(state.passwordFree());
    }

    @Test
    void replacedPasswordIsAcceptedAndTheOldOneRefused() throws EngineException {
        engine.replace(NEXT);

        engine.verify(NEXT, INITIAL);
        assertTrue(accepts(NEXT));
        assertFalse(accepts(INITIAL));
        assertEquals(Set.of(NEXT.sha256Hex()), engine.read().fingerprints());
    }

    @Test
    void restorePutsBackTheOldPassword() throws EngineException {
        EngineState before = engine.read();
        engine.replace(NEXT);

        engine.restore(before);

        engine.verify(INITIAL, NEXT);
        assertEquals(before, engine.read());
    }

    @Test
    void restorePutsBackEveryPasswordOfAnOverlap() throws EngineException {
        Secret second = Secret.of("Second-Pa55-0c0c");
        try (Jedis admin = admin()) {
            admin.aclSetUser("default", ">" + second.reveal());
        }
        EngineState overlap = engine.read();
        engine.replace(NEXT);

        engine.restore(overlap);

        assertEquals(Set.of(INITIAL.sha256Hex(), second.sha256Hex()), engine.read().fingerprints());
        assertTrue(accepts(INITIAL) && accepts(second) && !accepts(NEXT));
    }

    @Test
    void passwordFreeAccountAnswersPingWithoutAuth() throws EngineException {
        engine.makePasswordFree();

        try (Jedis anonymous = client(redis.port())) {
            assertEquals("PONG", anonymous.ping());
        }
        engine.verify(null, null);
        assertTrue(engine.read().passwordFree());
        assertTrue(engine.read().fingerprints().isEmpty());
    }

    @Test
    void verifyFailsWhenARejectedPasswordStillGetsIn() throws EngineException {
        engine.makePasswordFree();

        EngineException failure = assertThrows(EngineException.class, () -> engine.verify(null, INITIAL));
        assertTrue(failure.getMessage().contains("rejected password"), failure.getMessage());
    }

    @Test
    void replacingFromPasswordFreeEndsIt() throws EngineException {
        engine.makePasswordFree();

        engine.replace(NEXT);

        assertEquals("NOAUTH", pingWithoutAuthError());
        assertFalse(engine.read().passwordFree());
        engine.verify(NEXT, INITIAL);
        assertThrows(EngineException.class, () -> engine.verify(null, null));
    }

    @Test
    void restoreBringsBackPasswordFreeAccess() throws EngineException {
        engine.makePasswordFree();
        EngineState free = engine.read();
        engine.replace(NEXT);

        engine.restore(free);

        engine.verify(null, null);
        assertTrue(engine.read().passwordFree());
    }

    @Test
    void verifyNamesTheFailedCheckWithoutTheSecret() {
        Secret wrong = Secret.of("Wrong-Pa55-9d9d");
        EngineException failure = assertThrows(EngineException.class, () -> engine.verify(wrong, null));
        assertTrue(failure.getMessage().contains("expected password"), failure.getMessage());
        assertTrue(failure.getMessage().contains("WRONGPASS"), failure.getMessage());
        assertFalse(failure.getMessage().contains(wrong.reveal()));
    }

    @Test
    void adminUserCannotReadOrDestroyData() {
        try (Jedis admin = admin()) {
            JedisDataException get = assertThrows(JedisDataException.class, () -> admin.get("anything"));
            assertTrue(get.getMessage().startsWith("NOPERM"), get.getMessage());
            JedisDataException flush = assertThrows(JedisDataException.class, admin::flushAll);
            assertTrue(flush.getMessage().startsWith("NOPERM"), flush.getMessage());
        }
    }

    @Test
    void pingAndVersionDescribeTheServer() throws EngineException {
        engine.ping();
        assertTrue(engine.version().matches("\\d+\\.\\d+\\.\\d+"), engine.version());
    }

    @Test
    void wrongAdminPasswordIsReportedWithoutTheSecret() {
        Secret wrong = Secret.of("Not-The-Admin-Pa55");
        var stranger = new RedisPasswordEngine(redis.host(), redis.port(), ADMIN, wrong, "default");
        EngineException failure = assertThrows(EngineException.class, stranger::read);
        assertTrue(failure.getMessage().contains("refused admin user"), failure.getMessage());
        assertFalse(failure.getMessage().contains(wrong.reveal()));
    }

    @Test
    void stoppedServerMakesReadFailWithinTwoSeconds() {
        assertTrue(redis.stop());

        long started = System.nanoTime();
        EngineException failure = assertThrows(EngineException.class, engine::read);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(millis < 2500, "took " + millis + " ms");
        assertTrue(failure.getMessage().contains("unreachable"), failure.getMessage());
    }

    @Test
    void frozenServerMakesReadFailWithinTheTimeout() throws Exception {
        signal("-STOP", redis.pid());
        try {
            long started = System.nanoTime();
            EngineException failure = assertThrows(EngineException.class, engine::read);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(millis < 3000, "took " + millis + " ms");
            assertTrue(failure.getMessage().contains("did not answer within 2000 ms"), failure.getMessage());
        } finally {
            signal("-CONT", redis.pid());
        }
    }

    @Test
    void engineKeepsWorkingAcrossARestart() throws EngineException {
        engine.replace(NEXT);
        engine.persist();
        Path dir = redis.dir();
        redis.stop();

        RedisProcess again = fixture.track(RedisProcess.resume(dir, ADMIN, ADMIN_PASSWORD, "default"));

        assertEquals(engine.port(), again.port(), "the recorded port was free, so it is kept");
        engine.verify(NEXT, INITIAL);
        assertEquals(Set.of(NEXT.sha256Hex()), engine.read().fingerprints());
    }

    private static void signal(String signal, long pid) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", signal, String.valueOf(pid)).start().waitFor());
    }

    private Jedis admin() {
        Jedis admin = client(redis.port());
        admin.auth(ADMIN, ADMIN_PASSWORD.reveal());
        return admin;
    }

    private boolean accepts(Secret password) {
        try (Jedis jedis = client(redis.port())) {
            jedis.auth("default", password.reveal());
            return "PONG".equals(jedis.ping());
        } catch (JedisDataException e) {
            assertTrue(e.getMessage().startsWith("WRONGPASS"), e.getMessage());
            return false;
        }
    }

    private String pingWithoutAuthError() {
        try (Jedis jedis = client(redis.port())) {
            return jedis.ping();
        } catch (JedisDataException e) {
            return e.getMessage().split(" ")[0];
        }
    }
}
