package dev.rekey.engines.redis.topology;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The private folder (0700) of one node: its config file ({@code redis.conf}, or {@code sentinel.conf} which
 * Sentinel rewrites itself), {@code users.acl} for a data node, and its pid file, log and early output. Files are
 * written 0600 through a temp file and a rename, so a crash never leaves half a file.
 */
final class NodeFolder {

    private static final Pattern PORT_LINE = Pattern.compile("port \\d+");

    private final Path root;
    private final boolean sentinel;

    NodeFolder(Path root, boolean sentinel) {
        this.root = root.toAbsolutePath().normalize();
        this.sentinel = sentinel;
        String text = this.root.toString();
        if (text.contains("\"") || text.contains("\\") || text.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a node folder path cannot contain quotes, backslashes or control "
                    + "characters: " + text);
        }
    }

    Path root() {
        return root;
    }

    boolean sentinel() {
        return sentinel;
    }

    Path conf() {
        return root.resolve(sentinel ? "sentinel.conf" : "redis.conf");
    }

    Path users() {
        return root.resolve("users.acl");
    }

    Path log() {
        return root.resolve(sentinel ? "sentinel.log" : "redis.log");
    }

    Path pidFile() {
        return root.resolve(sentinel ? "sentinel.pid" : "redis.pid");
    }

    Path out() {
        return root.resolve("redis.out");
    }

    String describe() {
        return (sentinel ? "redis-server --sentinel in " : "redis-server in ") + root;
    }

    void createPrivate() throws IOException {
        Files.createDirectories(root);
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
    }

    int recordedPort() throws IOException {
        for (String line : Files.readAllLines(conf(), StandardCharsets.UTF_8)) {
            if (PORT_LINE.matcher(line.strip()).matches()) return Integer.parseInt(line.strip().substring(5));
        }
        throw new IOException(conf() + " has no 'port' line");
    }

    Optional<Long> recordedPid() {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile(), StandardCharsets.US_ASCII).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    long logSize() {
        try {
            return Files.exists(log()) ? Files.size(log()) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** What the log gained since {@code offset} (Redis never logs passwords). */
    String logSince(long offset) {
        try (RandomAccessFile file = new RandomAccessFile(log().toFile(), "r")) {
            long start = Math.min(offset, file.length());
            byte[] bytes = new byte[(int) Math.min(file.length() - start, 4 << 20)];
            file.seek(start);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    String tail(int count) {
        return lastLines(out(), count) + lastLines(log(), count);
    }

    void writePrivate(Path target, String content) throws IOException {
        Path temp = Files.createTempFile(root, target.getFileName().toString(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static String lastLines(Path file, int count) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> last = all.subList(Math.max(0, all.size() - count), all.size());
            return last.isEmpty() ? "" : "--- " + file.getFileName() + "\n" + String.join("\n", last) + "\n";
        } catch (IOException e) {
            return "";
        }
    }
}
