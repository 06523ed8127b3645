package dev.rekey.engines.memcached;

import dev.rekey.core.EngineException;
import dev.rekey.core.Secret;
import dev.rekey.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.rekey.engines.memcached.MemcachedTestSupport.USER;
import static dev.rekey.engines.memcached.MemcachedTestSupport.assertPrivateAuthFile;
import static dev.rekey.engines.memcached.MemcachedTestSupport.login;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemcachedProcessTest {
    private static final String INITIAL = "init-pw1";

    @TempDir
    Path temp;
    private final List<MemcachedProcess> started = new ArrayList<>();

    @BeforeEach
    void requireMemcached() {
        MemcachedTestSupport.requireMemcached();
    }

    @AfterEach
    void stopAll() {
        started.forEach(MemcachedProcess::stop);
    }

    private MemcachedProcess track(MemcachedProcess process) {
        started.add(process);
        return process;
    }

    private MemcachedProcess startFresh() throws EngineException {
        return track(MemcachedProcess.start(temp.resolve("mc"), 0, USER, Secret.of(INITIAL)));
    }

    @Test
    void initialCredentialsWorkAndAWrongPasswordIsRefused() throws Exception {
        MemcachedProcess process = startFresh();
        assertEquals(MemcachedTextClient.STORED, login(process, USER, INITIAL));
        assertEquals(MemcachedTextClient.AUTHENTICATION_FAILURE, login(process, USER, "wrong-pw"));
        assertEquals(MemcachedTextClient.AUTHENTICATION_FAILURE, login(process, "mallory", INITIAL));
    }

    @Test
    void anUnauthenticatedConnectionGetsNothing() throws Exception {
        MemcachedProcess process = startFresh();
        try (MemcachedTextClient client = MemcachedTextClient.connect(process.host(), process.port())) {
            assertEquals("CLIENT_ERROR unauthenticated", client.version());
            assertEquals(MemcachedTextClient.STORED, client.authenticate(USER, Secret.of(INITIAL)));
            assertTrue(client.version().startsWith("VERSION 1.6"));
        }
    }

    @Test
    void startMakesAPrivateDirWithAPrivateOneLineAuthFileAndAPidFile() throws Exception {
        MemcachedProcess process = startFresh();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(process.dir())));
        assertPrivateAuthFile(process.authFile());
        assertEquals(USER + ":" + INITIAL + "\n", Files.readString(process.authFile()));
        assertEquals(Long.toString(process.pid()), Files.readString(process.dir().resolve("memcached.pid")).strip());
    }

    @Test
    void aPasswordWithASpaceIsRefusedBeforeAnythingIsWritten() {
        Path dir = temp.resolve("never");
        assertThrows(EngineException.class, () -> MemcachedProcess.start(dir, 0, USER, Secret.of("two words")));
        assertFalse(Files.exists(dir));
    }

    @Test
    void startOnATakenPortFailsNamingThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 0, InetAddress.getByName("127.0.0.1"))) {
            EngineException failure = assertThrows(EngineException.class, () -> track(
                    MemcachedProcess.start(temp.resolve("mc"), taken.getLocalPort(), USER, Secret.of(INITIAL))));
            assertTrue(failure.getMessage().contains(Integer.toString(taken.getLocalPort())), failure.getMessage());
        }
    }

    @Test
    void stopEndsTheProcessByItsPid() throws Exception {
        MemcachedProcess process = startFresh();
        long pid = process.pid();
        process.stop();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertThrows(java.io.IOException.class, () -> login(process, USER, INITIAL));
    }

    @Test
    void resumeAfterStopKeepsTheNewPassword() throws Exception {
        MemcachedProcess first = startFresh();
        first.engine().replace(Secret.of("next-pw2"));
        first.stop();
        MemcachedProcess resumed = track(MemcachedProcess.resume(first.dir(), first.port()));
        assertEquals(USER, resumed.user());
        assertEquals(MemcachedTextClient.STORED, login(resumed, USER, "next-pw2"));
        assertEquals(MemcachedTextClient.AUTHENTICATION_FAILURE, login(resumed, USER, INITIAL));
    }

    @Test
    void resumeMovesToAFreePortWhenTheOldOneIsTaken() throws Exception {
        MemcachedProcess first = startFresh();
        first.stop();
        try (ServerSocket taken = new ServerSocket(first.port(), 0, InetAddress.getByName("127.0.0.1"))) {
            MemcachedProcess resumed = track(MemcachedProcess.resume(first.dir(), taken.getLocalPort()));
            assertNotEquals(first.port(), resumed.port());
            assertEquals(MemcachedTextClient.STORED, login(resumed, USER, INITIAL));
        }
    }

    @Test
    void adoptFindsTheRunningProcessOfADirectory() throws Exception {
        MemcachedProcess process = startFresh();
        MemcachedProcess adopted = MemcachedProcess.adopt(process.dir());
        assertEquals(process.pid(), adopted.pid());
        assertEquals(process.port(), adopted.port());
        assertEquals(USER, adopted.user());
        adopted.engine().verify(Secret.of(INITIAL), Secret.of("wrong-pw"));
    }

    @Test
    void adoptRefusesADirectoryWhoseProcessIsGone() throws Exception {
        MemcachedProcess process = startFresh();
        process.stop();
        EngineException failure = assertThrows(EngineException.class, () -> MemcachedProcess.adopt(process.dir()));
        assertTrue(failure.getMessage().contains("not running"), failure.getMessage());
    }

    @Test
    void adoptCountsAnExitedButUnreapedProcessAsNotRunning() throws Exception {
        // the exited child of a parent that never reaps it stays a zombie: no command line, and yet not running
        Process parent = new ProcessBuilder("sh", "-c", "sleep 600 & echo $!; exec sleep 600").start();
        try {
            long pid = Long.parseLong(parent.inputReader().readLine().strip());
            // once the shell has become sleep, nothing reaps the child any more (a shell would)
            Await.until("the shell has become sleep", Duration.ofSeconds(10),
                    () -> Files.readString(Path.of("/proc", Long.toString(parent.pid()), "comm")).strip().equals("sleep"));
            ProcessHandle child = ProcessHandle.of(pid).orElseThrow();
            child.destroy();
            Await.until("pid " + pid + " is a zombie", Duration.ofSeconds(10), () -> isZombie(pid));
            Path dir = Files.createDirectories(temp.resolve("zombie"));
            Files.writeString(dir.resolve("memcached.pid"), pid + "\n");
            Files.writeString(dir.resolve("auth"), USER + ":" + INITIAL + "\n");

            EngineException failure = assertThrows(EngineException.class, () -> MemcachedProcess.adopt(dir));
            assertTrue(failure.getMessage().contains("not running"), failure.getMessage());
        } finally {
            parent.destroyForcibly().waitFor(); // the zombie goes to init with it and is reaped there
        }
    }

    private static boolean isZombie(long pid) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
    }
}
