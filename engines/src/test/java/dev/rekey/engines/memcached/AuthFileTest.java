package dev.rekey.engines.memcached;

import dev.rekey.core.EngineException;
import dev.rekey.core.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The auth file as memcached 1.6.18 reads it (engines.md 2.3, authfile.c), and how it is written. */
class AuthFileTest {

    private static List<AuthEntry> parse(String content) throws EngineException {
        return AuthFile.parse(content.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> passwords(List<AuthEntry> entries) {
        return entries.stream().map(entry -> entry.password().reveal()).toList();
    }

    @Test
    void onlyTheFirstEightEntriesCount() throws EngineException {
        String twenty = IntStream.rangeClosed(1, 20).mapToObj(i -> "u" + i + ":p" + i + "\n").collect(Collectors.joining());
        List<AuthEntry> entries = parse(twenty);
        assertEquals(8, entries.size());
        assertEquals("u8", entries.getLast().user());
    }

    @Test
    void theUserEndsAtTheFirstColonSoAPasswordMayHoldColons() throws EngineException {
        List<AuthEntry> entries = parse("alice:pa:ss\n");
        assertEquals("alice", entries.getFirst().user());
        assertEquals(List.of("pa:ss"), passwords(entries));
    }

    @Test
    void crlfLineEndingsAndAMissingLastNewlineAreAccepted() throws EngineException {
        assertEquals(List.of("one", "two"), passwords(parse("a:one\r\nb:two")));
    }

    @Test
    void aLineWithoutColonOrAnEmptyLineMakesTheFileMalformed() {
        assertThrows(EngineException.class, () -> parse("alice goodpw\n"));
        assertThrows(EngineException.class, () -> parse("alice:one\n\nbob:two\n"));
    }

    @Test
    void aLineLongerThanMemcachedReadsIsCutAndEndsTheFile() throws EngineException {
        List<AuthEntry> entries = parse("carol:" + "x".repeat(300) + "\nbob:two\n");
        assertEquals(List.of("x".repeat(249)), passwords(entries));
    }

    @Test
    void anEmptyFileHoldsNobody() throws EngineException {
        assertTrue(parse("").isEmpty());
    }

    @Test
    void aWrittenFileIsPrivateAndReadsBackTheSameEntries(@TempDir Path dir) throws Exception {
        AuthFile file = new AuthFile(dir.resolve("auth"));
        List<AuthEntry> entries = List.of(new AuthEntry("alice", Secret.of("one")), new AuthEntry("bob", Secret.of("t:wo")));
        file.write(entries);
        assertEquals(entries, file.read());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())));
        assertEquals("alice:one\nbob:t:wo\n", Files.readString(file.path()));
        try (var left = Files.list(dir)) {
            assertEquals(List.of(file.path()), left.toList(), "no temp file is left behind");
        }
    }

    @Test
    void anEmptyOrOverlongListIsNeverWritten(@TempDir Path dir) throws Exception {
        AuthFile file = new AuthFile(dir.resolve("auth"));
        file.write(List.of(new AuthEntry("alice", Secret.of("one"))));
        List<AuthEntry> nine = IntStream.rangeClosed(1, 9).mapToObj(i -> new AuthEntry("u" + i, Secret.of("p"))).toList();
        assertThrows(EngineException.class, () -> file.write(List.of()));
        assertThrows(EngineException.class, () -> file.write(nine));
        assertEquals("alice:one\n", Files.readString(file.path()));
    }

    @Test
    void passwordsMemcachedCannotHoldAreRefusedWithoutShowingThem() {
        for (String password : List.of("two words", "tab\there", "new\nline", "", "x".repeat(250))) {
            EngineException refused = assertThrows(EngineException.class,
                    () -> AuthFile.checkStorable("alice", Secret.of(password)));
            assertFalse(!password.isEmpty() && refused.getMessage().contains(password));
        }
        assertThrows(EngineException.class, () -> AuthFile.checkStorable("al:ice", Secret.of("fine")));
    }
}
