package dev.rekey.engines.redis;

import static dev.rekey.engines.redis.RedisFixture.ADMIN;
import static dev.rekey.engines.redis.RedisFixture.ADMIN_PASSWORD;
import static dev.rekey.engines.redis.RedisFixture.INITIAL;
import static dev.rekey.engines.redis.RedisFixture.client;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekey.core.EngineException;
import dev.rekey.core.Secret;
import dev.rekey.testkit.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

class RedisProcessTest {

    private static final Secret NEXT = Secret.of("Next-Pa55-word-5e5e");

    private final RedisFixture fixture = new RedisFixture();
    @TempDir
    Path temp;

    @BeforeEach
    void requireRedis() {
        RedisFixture.requireRedisServer();
    }

    @AfterEach
    void stopEverything() {
        fixture.stopAll();
    }

    @Test
    void usersAclNeverHoldsAPlaintextPassword() throws Exception {
        RedisProcess redis = fixture.start(temp.resolve("r"));
        String initialFile = Files.readString(redis.dir().resolve("users.acl"));
        assertTrue(initialFile.contains("#" + INITIAL.sha256Hex()));

        redis.engine().replace(NEXT);
        redis.engine().persist();

        String savedFile = Files.readString(redis.dir().resolve("users.acl"));
        assertTrue(savedFile.contains("#" + NEXT.sha256Hex()), savedFile);
        for (String file : new String[] {initialFile, savedFile}) {
            assertFalse(file.contains(INITIAL.reveal()));
            assertFalse(file.contains(NEXT.reveal()));
            assertFalse(file.contains(ADMIN_PASSWORD.reveal()));
        }
    }

    @Test
    void folderIsPrivateToTheOwner() throws Exception {
        RedisProcess redis = fixture.start(temp.resolve("r"));

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(redis.dir())));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(redis.dir().resolve("redis.conf"))));
    }

    @Test
    void persistedPasswordSurvivesStopAndResume() throws Exception {
        RedisProcess first = fixture.start(temp.resolve("r"));
        first.engine().replace(NEXT);
        first.engine().persist();
        assertTrue(first.stop());

        RedisProcess second = fixture.track(RedisProcess.resume(first.dir(), ADMIN, ADMIN_PASSWORD, "default"));

        assertNotEquals(first.pid(), second.pid());
        second.engine().verify(NEXT, INITIAL);
    }

    @Test
    void unpersistedChangeIsLostOnResume() throws Exception {
        RedisProcess first = fixture.start(temp.resolve("r"));
        first.engine().replace(NEXT);
        first.stop();

        RedisProcess second = fixture.track(RedisProcess.resume(first.dir(), ADMIN, ADMIN_PASSWORD, "default"));

        second.engine().verify(INITIAL, NEXT);
    }

    @Test
    void resumeWithAnotherAdminPasswordFailsFastAndSaysWhy() throws Exception {
        RedisProcess first = fixture.start(temp.resolve("r"));
        first.stop();
        Secret wrong = Secret.of("Another-Admin-Pa55");

        long started = System.nanoTime();
        EngineException failure = assertThrows(EngineException.class,
                () -> fixture.track(RedisProcess.resume(first.dir(), ADMIN, wrong, "default")));

        assertTrue(System.nanoTime() - started < 5_000_000_000L, "waited for the full readiness timeout");
        assertTrue(failure.getMessage().contains("WRONGPASS"), failure.getMessage());
        assertFalse(failure.getMessage().contains(wrong.reveal()));
        assertTrue(RedisProcess.adopt(first.dir(), ADMIN, ADMIN_PASSWORD, "default").isEmpty(), "left running");
    }

    @Test
    void resumeMovesToAFreePortWhenTheRecordedOneIsTaken() throws Exception {
        RedisProcess first = fixture.start(temp.resolve("r"));
        int recorded = first.port();
        first.stop();

        try (ServerSocket squatter = new ServerSocket(recorded, 0, InetAddress.getLoopbackAddress())) {
            assertEquals(recorded, squatter.getLocalPort());
            RedisProcess second = fixture.track(RedisProcess.resume(first.dir(), ADMIN, ADMIN_PASSWORD, "default"));

            assertNotEquals(recorded, second.port());
            assertTrue(Files.readAllLines(first.dir().resolve("redis.conf")).contains("port " + second.port()));
            second.engine().verify(INITIAL, null);
        }
    }

    @Test
    void adoptFindsAStillRunningServer() throws Exception {
        RedisProcess running = fixture.start(temp.resolve("r"));

        Optional<RedisProcess> adopted = RedisProcess.adopt(running.dir(), ADMIN, ADMIN_PASSWORD, "default");

        assertTrue(adopted.isPresent());
        assertEquals(running.pid(), adopted.get().pid());
        assertEquals(running.port(), adopted.get().port());
        adopted.get().engine().verify(INITIAL, NEXT);
    }

    @Test
    void adoptTakesOverAServerWhoseSpawnerDied() throws Exception {
        RedisProcess original = fixture.start(temp.resolve("r"));
        original.stop();
        // a shell that exits at once leaves redis-server orphaned, as a Rekey node killed with -9 would
        Process shell = new ProcessBuilder("sh", "-c", "\"$0\" \"$1\" >/dev/null 2>&1 &",
                RedisProcess.serverBinary().toString(), original.dir().resolve("redis.conf").toString()).start();
        assertEquals(0, shell.waitFor());

        RedisProcess orphan = fixture.track(Await.value("the orphaned redis-server can be adopted",
                Duration.ofSeconds(10), () -> RedisProcess.adopt(original.dir(), ADMIN, ADMIN_PASSWORD, "default")));
        assertFalse(ProcessHandle.current().children().anyMatch(child -> child.pid() == orphan.pid()));
        orphan.engine().verify(INITIAL, NEXT);
        assertTrue(orphan.stop());
    }

    @Test
    void adoptFindsNothingOnceTheServerIsStopped() throws Exception {
        RedisProcess stopped = fixture.start(temp.resolve("r"));
        stopped.stop();

        assertTrue(RedisProcess.adopt(stopped.dir(), ADMIN, ADMIN_PASSWORD, "default").isEmpty());
        assertTrue(RedisProcess.adopt(temp.resolve("never-used"), ADMIN, ADMIN_PASSWORD, "default").isEmpty());
    }

    @Test
    void stopEndsTheProcessByPid() throws Exception {
        RedisProcess redis = fixture.start(temp.resolve("r"));
        long pid = redis.pid();
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));

        assertTrue(redis.stop());

        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertFalse(redis.isAlive());
    }

    @Test
    void startOnATakenPortFailsWithTheLogTail() throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            EngineException failure = assertThrows(EngineException.class, () -> fixture.track(RedisProcess.start(
                    temp.resolve("r"), squatter.getLocalPort(), ADMIN, ADMIN_PASSWORD, "default", INITIAL)));

            assertTrue(failure.getMessage().contains("Address already in use"), failure.getMessage());
            assertFalse(failure.getMessage().contains(INITIAL.reveal()));
        }
    }

    @Test
    void startRefusesAFolderThatAlreadyHoldsUsers() throws Exception {
        RedisProcess redis = fixture.start(temp.resolve("r"));
        redis.stop();

        EngineException failure = assertThrows(EngineException.class, () -> fixture.track(RedisProcess.start(
                redis.dir(), 0, ADMIN, ADMIN_PASSWORD, "default", NEXT)));
        assertTrue(failure.getMessage().contains("resume"), failure.getMessage());
    }

    @Test
    void anotherAccountLeavesTheDefaultUserLockedOut() throws Exception {
        RedisProcess redis = fixture.track(RedisProcess.start(
                temp.resolve("r"), 0, ADMIN, ADMIN_PASSWORD, "app", INITIAL));

        redis.engine().verify(INITIAL, NEXT);
        try (Jedis anonymous = client(redis.port())) {
            assertThrows(JedisDataException.class, anonymous::ping);
        }
        redis.engine().makePasswordFree();
        redis.engine().verify(null, null);
    }

    @Test
    void adminUserMustBeAUserOfItsOwn() {
        assertThrows(IllegalArgumentException.class, () -> RedisProcess.start(
                temp.resolve("r"), 0, "default", ADMIN_PASSWORD, "default", INITIAL));
        assertThrows(IllegalArgumentException.class, () -> RedisProcess.start(
                temp.resolve("r"), 0, "bad name", ADMIN_PASSWORD, "default", INITIAL));
    }

    @Test
    void serverBinaryIsFound() throws EngineException, IOException {
        assertTrue(Files.isExecutable(RedisProcess.serverBinary()));
    }
}
