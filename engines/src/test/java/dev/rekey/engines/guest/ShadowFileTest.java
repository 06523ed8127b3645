package dev.rekey.engines.guest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShadowFileTest {
    private static final String SHADOW = """
            root:$y$j9T$abc$def:20000:0:99999:7:::
            daemon:*:19000:0:99999:7:::
            ubuntu:$6$old$hash:20780:0:99999:7:::
            nopw::20780:0:99999:7:::
            """;

    @TempDir
    Path dir;

    @Test
    void replacingOneHashKeepsEveryOtherByte() throws Exception {
        Path shadow = write(SHADOW);
        int changed = ShadowFile.rewriteHashes(shadow, e -> e.user().equals("ubuntu") ? "$6$new$hash2" : null);
        assertEquals(1, changed);
        assertEquals(SHADOW.replace("ubuntu:$6$old$hash:", "ubuntu:$6$new$hash2:"), Files.readString(shadow));
    }

    @Test
    void rewriteKeepsModeAndLeavesNoTemporaryFile() throws Exception {
        Path shadow = write(SHADOW);
        Files.setPosixFilePermissions(shadow, PosixFilePermissions.fromString("rw-r-----"));
        ShadowFile.rewriteHashes(shadow, e -> e.user().equals("root") ? "!" : null);
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(shadow)));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(shadow), files.toList());
        }
    }

    @Test
    void unknownUserChangesNothing() throws Exception {
        Path shadow = write(SHADOW);
        long inode = (long) Files.getAttribute(shadow, "unix:ino");
        assertEquals(0, ShadowFile.rewriteHashes(shadow, e -> e.user().equals("nosuchuser") ? "$6$x$y" : null));
        assertEquals(inode, (long) Files.getAttribute(shadow, "unix:ino"), "file must not be rewritten");
    }

    @Test
    void findReadsTheHashAndTheOtherFields() throws Exception {
        Path shadow = write(SHADOW);
        ShadowEntry ubuntu = ShadowFile.find(shadow, "ubuntu").orElseThrow();
        assertEquals("$6$old$hash", ubuntu.hash());
        assertEquals("20780:0:99999:7:::", ubuntu.otherFields());
        assertEquals("", ShadowFile.find(shadow, "nopw").orElseThrow().hash());
        assertTrue(ShadowFile.find(shadow, "ubunt").isEmpty(), "a prefix of a name is not the name");
        assertFalse(ubuntu.toString().contains("$6$old$hash"), "toString must not show the hash");
    }

    private Path write(String content) throws Exception {
        Path shadow = dir.resolve("shadow");
        Files.writeString(shadow, content);
        return shadow;
    }
}
