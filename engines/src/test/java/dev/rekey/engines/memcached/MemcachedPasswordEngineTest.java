package dev.rekey.engines.memcached;

import dev.rekey.core.EngineException;
import dev.rekey.core.EngineState;
import dev.rekey.core.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.rekey.engines.memcached.MemcachedTestSupport.USER;
import static dev.rekey.engines.memcached.MemcachedTestSupport.assertPrivateAuthFile;
import static dev.rekey.engines.memcached.MemcachedTestSupport.login;
import static dev.rekey.engines.memcached.MemcachedTestSupport.outsideLogin;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemcachedPasswordEngineTest {
    private static final Secret OLD = Secret.of("old-pw1");
    private static final Secret NEW = Secret.of("new-pw2");

    @TempDir
    Path temp;
    private MemcachedProcess process;
    private MemcachedPasswordEngine engine;

    @BeforeEach
    void startMemcached() throws EngineException {
        MemcachedTestSupport.requireMemcached();
        process = MemcachedProcess.start(temp.resolve("mc"), 0, USER, OLD);
        engine = process.engine();
    }

    @AfterEach
    void stopMemcached() {
        if (process != null) process.stop();
    }

    @Test
    void readReportsTheFingerprintOfTheCurrentPasswordAndNoPasswordFreeAccess() throws Exception {
        EngineState state = engine.read();
        assertEquals(Set.of(OLD.sha256Hex()), state.fingerprints());
        assertFalse(state.passwordFree());
        assertTrue(state.holdsExactly(OLD.sha256Hex()));
    }

    @Test
    void replacedPasswordIsAcceptedAndTheOldOneRefused() throws Exception {
        engine.replace(NEW);
        engine.verify(NEW, OLD);
        assertEquals(MemcachedTextClient.STORED, login(process, USER, NEW.reveal()));
        assertEquals(MemcachedTextClient.AUTHENTICATION_FAILURE, login(process, USER, OLD.reveal()));
        assertEquals(Set.of(NEW.sha256Hex()), engine.read().fingerprints());
    }

    @Test
    void anOutsideClientSeesTheChangeToo() throws Exception {
        assertEquals(MemcachedTextClient.STORED, outsideLogin(process, USER, OLD.reveal()));
        engine.replace(NEW);
        assertEquals(MemcachedTextClient.STORED, outsideLogin(process, USER, NEW.reveal()));
        assertEquals(MemcachedTextClient.AUTHENTICATION_FAILURE, outsideLogin(process, USER, OLD.reveal()));
    }

    @Test
    void restorePutsBackTheOldPassword() throws Exception {
        EngineState before = engine.read();
        engine.replace(NEW);
        engine.restore(before);
        engine.verify(OLD, NEW);
        assertEquals(before.fingerprints(), engine.read().fingerprints());
        assertEquals(before.restoreData().reveal(), Files.readString(process.authFile()));
    }

    @Test
    void aPasswordWithWhitespaceIsRefusedBeforeAnythingIsWritten() throws Exception {
        byte[] before = Files.readAllBytes(process.authFile());
        for (String unusable : List.of("two words", "tab\tpw", "line\nbreak", "")) {
            assertThrows(EngineException.class, () -> engine.replace(Secret.of(unusable)));
        }
        assertArrayEquals(before, Files.readAllBytes(process.authFile()));
        engine.verify(OLD, null);
    }

    @Test
    void aPasswordWithAColonWorks() throws Exception {
        Secret colon = Secret.of("pa:ss:w0rd");
        engine.replace(colon);
        engine.verify(colon, OLD);
        assertEquals(Set.of(colon.sha256Hex()), engine.read().fingerprints());
    }

    @Test
    void theAuthFileStaysPrivateNeverEmptyAndWithinEightLinesDuringChanges() throws Exception {
        List<String> violations = new CopyOnWriteArrayList<>();
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = Thread.ofPlatform().start(() -> {
            while (watching.get()) {
                try {
                    byte[] content = Files.readAllBytes(process.authFile());
                    String permissions = PosixFilePermissions.toString(Files.getPosixFilePermissions(process.authFile()));
                    long lines = new String(content).lines().count();
                    if (content.length == 0 || lines > 8 || !permissions.equals("rw-------")) {
                        violations.add(content.length + " bytes, " + lines + " lines, " + permissions);
                    }
                } catch (Exception e) {
                    violations.add(e.toString());
                }
            }
        });
        EngineState before = engine.read();
        engine.replace(NEW);
        engine.replace(Secret.of("third-pw3"));
        engine.restore(before);
        watching.set(false);
        watcher.join();
        assertEquals(List.of(), violations);
        assertPrivateAuthFile(process.authFile());
        try (var files = Files.list(process.dir())) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList());
        }
    }

    @Test
    void otherUsersOfTheFileKeepTheirPasswords() throws Exception {
        new AuthFile(process.authFile()).write(List.of(
                new AuthEntry(USER, OLD), new AuthEntry("bob", Secret.of("bob-pw")), new AuthEntry(USER, Secret.of("overlap"))));
        engine.replace(NEW);
        assertEquals(USER + ":" + NEW.reveal() + "\nbob:bob-pw\n", Files.readString(process.authFile()));
        engine.verify(NEW, Secret.of("overlap"));
        assertEquals(MemcachedTextClient.STORED, login(process, "bob", "bob-pw"));
    }

    @Test
    void passwordFreeAccessIsRefused() {
        EngineException refused = assertThrows(EngineException.class, engine::makePasswordFree);
        assertEquals("memcached instances always require a password", refused.getMessage());
        assertThrows(EngineException.class, () -> engine.verify(null, OLD));
    }

    @Test
    void verifySaysWhichCheckFailedWithoutShowingPasswords() {
        EngineException expectedRefused = assertThrows(EngineException.class, () -> engine.verify(NEW, null));
        assertTrue(expectedRefused.getMessage().contains("refused the expected password"), expectedRefused.getMessage());
        EngineException notRefused = assertThrows(EngineException.class, () -> engine.verify(OLD, OLD));
        assertTrue(notRefused.getMessage().contains("did not refuse"), notRefused.getMessage());
        for (EngineException e : List.of(expectedRefused, notRefused)) {
            assertFalse(e.getMessage().contains(OLD.reveal()) || e.getMessage().contains(NEW.reveal()));
        }
    }

    @Test
    void aStoppedServerMakesVerifyFailWithinTwoSeconds() {
        process.stop();
        long start = System.nanoTime();
        EngineException failure = assertThrows(EngineException.class, () -> engine.verify(OLD, NEW));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 2_500, "took " + millis + " ms");
        assertTrue(failure.getMessage().contains("did not answer"), failure.getMessage());
    }

    @Test
    void aStoppedServerMakesReplaceFailAtOnce() {
        process.stop();
        EngineException failure = assertThrows(EngineException.class, () -> engine.replace(NEW));
        assertTrue(failure.getMessage().contains("not running"), failure.getMessage());
    }

    @Test
    void persistIsAlreadyDoneByTheFile() throws Exception {
        engine.replace(NEW);
        engine.persist();
        process.stop();
        process = MemcachedProcess.resume(process.dir(), 0);
        process.engine().verify(NEW, OLD);
    }
}
