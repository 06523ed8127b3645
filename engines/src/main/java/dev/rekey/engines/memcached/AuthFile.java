package dev.rekey.engines.memcached;

import dev.rekey.core.EngineException;
import dev.rekey.core.Secret;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The auth file given to memcached with {@code -Y}: parsed the way memcached 1.6.18 parses it (authfile.c), and
 * replaced only by writing a private temp file and renaming it over the live one, because a SIGHUP that meets an
 * empty or half-written file locks everybody out.
 */
final class AuthFile {
    /** memcached keeps the first eight entries and silently ignores the rest. */
    static final int MAX_ENTRIES = 8;
    /** memcached reads 255 bytes per line and cuts the rest silently; stay well below. */
    static final int MAX_LINE_BYTES = 250;

    private final Path path;

    AuthFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    byte[] readBytes() throws EngineException {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new EngineException("cannot read the memcached auth file " + path + ": " + e.getMessage(), e);
        }
    }

    List<AuthEntry> read() throws EngineException {
        return parse(readBytes());
    }

    /** Replaces the live file with exactly these entries, fsynced, in one rename. */
    void write(List<AuthEntry> entries) throws EngineException {
        if (entries.isEmpty()) {
            throw new EngineException("refusing to write an empty memcached auth file: nobody could authenticate");
        }
        if (entries.size() > MAX_ENTRIES) {
            throw new EngineException("memcached reads only " + MAX_ENTRIES + " auth entries, got " + entries.size());
        }
        StringBuilder content = new StringBuilder();
        for (AuthEntry entry : entries) {
            checkReadsBackWhole(entry);
            content.append(entry.line());
        }
        try {
            replaceAtomically(content.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new EngineException("cannot write the memcached auth file " + path + ": " + e.getMessage(), e);
        }
    }

    private void replaceAtomically(byte[] content) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, ".auth-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) channel.write(buffer);
                channel.force(true);
            }
            Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
                directory.force(true); // makes the rename itself durable
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A line memcached would read back as a different entry (or as two) must never reach the file. */
    private static void checkReadsBackWhole(AuthEntry entry) throws EngineException {
        String user = entry.user();
        String password = entry.password().reveal();
        boolean breaksUser = user.contains(":") || user.contains("\n") || user.contains("\0");
        boolean breaksPassword = password.contains("\r") || password.contains("\n") || password.contains("\0");
        if (breaksUser || breaksPassword || entry.line().getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new EngineException("refusing to write an auth entry for user '" + user.replaceAll("\\p{Cntrl}", "?")
                    + "' that memcached would not read back whole");
        }
    }

    /**
     * Refuses what memcached could not hold or a client could not send: the ASCII login splits
     * {@code "user password"} at spaces, the file splits at the first ':' and ends a password at CR, LF or NUL.
     * A ':' inside the password is fine (verified with 1.6.18).
     */
    static void checkStorable(String user, Secret password) throws EngineException {
        if (user.isEmpty() || user.contains(":") || hasSpaceOrControl(user)) {
            throw new EngineException("memcached user name must be non-empty, without ':', spaces or control characters");
        }
        if (password.isEmpty()) {
            throw new EngineException("memcached cannot hold an empty password");
        }
        if (hasSpaceOrControl(password.reveal())) {
            throw new EngineException("memcached cannot hold a password containing whitespace or control characters");
        }
        int lineBytes = (user + ":" + password.reveal()).getBytes(StandardCharsets.UTF_8).length;
        if (lineBytes > MAX_LINE_BYTES) {
            throw new EngineException("memcached auth line would be " + lineBytes + " bytes, at most "
                    + MAX_LINE_BYTES + " are kept whole");
        }
    }

    private static boolean hasSpaceOrControl(String text) {
        return text.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Character.isISOControl(c));
    }

    /**
     * The entries memcached loads from these bytes: lines read 255 bytes at a time (fgets), split at the first ':',
     * a password ending at CR, LF or NUL; a line cut short or a NUL ends the file, the eighth entry ends the read.
     */
    static List<AuthEntry> parse(byte[] bytes) throws EngineException {
        List<AuthEntry> entries = new ArrayList<>();
        int start = 0;
        while (start < bytes.length && entries.size() < MAX_ENTRIES) {
            int end = chunkEnd(bytes, start);
            int colon = indexOfColonBeforeNul(bytes, start, end);
            if (colon < 0) {
                throw new EngineException("memcached auth file line " + (entries.size() + 1)
                        + " is malformed: it should be 'user:password'");
            }
            int passwordEnd = colon + 1;
            while (passwordEnd < end && !endsPassword(bytes[passwordEnd])) passwordEnd++;
            entries.add(new AuthEntry(text(bytes, start, colon), Secret.of(text(bytes, colon + 1, passwordEnd))));
            if (passwordEnd == end || bytes[passwordEnd] == 0) break;
            start = end;
        }
        return List.copyOf(entries);
    }

    private static int chunkEnd(byte[] bytes, int start) {
        int limit = Math.min(bytes.length, start + 255);
        for (int i = start; i < limit; i++) {
            if (bytes[i] == '\n') return i + 1;
        }
        return limit;
    }

    private static int indexOfColonBeforeNul(byte[] bytes, int start, int end) {
        for (int i = start; i < end; i++) {
            if (bytes[i] == 0) return -1;
            if (bytes[i] == ':') return i;
        }
        return -1;
    }

    private static boolean endsPassword(byte b) {
        return b == '\n' || b == '\r' || b == 0;
    }

    private static String text(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }
}
