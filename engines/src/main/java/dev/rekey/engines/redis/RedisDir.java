package dev.rekey.engines.redis;

import dev.rekey.core.Secret;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The private folder of a Redis that Rekey owns: {@code redis.conf}, {@code users.acl} (passwords as SHA-256 hashes
 * only), {@code redis.log}, {@code redis.pid} and {@code redis.out} (what redis-server prints before its log opens).
 */
final class RedisDir {

    /** What the admin user may do: exactly the rights password rotation needs (engines.md 1.2). */
    static final String ADMIN_RULES = "-@all +acl|setuser +acl|getuser +acl|save +config|set +config|get"
            + " +config|rewrite +info +ping +client|kill";
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}");
    private static final Pattern PORT_LINE = Pattern.compile("port \\d+");

    private final Path root;

    RedisDir(Path root) {
        this.root = root.toAbsolutePath().normalize();
        String text = this.root.toString();
        if (text.contains("\"") || text.contains("\\") || text.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a Redis dir path cannot contain quotes, backslashes or control "
                    + "characters: " + text);
        }
    }

    static void requireUserName(String role, String name) {
        if (name == null || !USER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(role + " must be 1-64 letters, digits, '_', '.', '@' or '-', "
                    + "starting with a letter or digit");
        }
    }

    Path root() {
        return root;
    }

    Path conf() {
        return root.resolve("redis.conf");
    }

    Path users() {
        return root.resolve("users.acl");
    }

    Path log() {
        return root.resolve("redis.log");
    }

    Path out() {
        return root.resolve("redis.out");
    }

    Path pidFile() {
        return root.resolve("redis.pid");
    }

    void createPrivate() throws IOException {
        Files.createDirectories(root);
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
    }

    void writeConfig(int port) throws IOException {
        writePrivate(conf(), String.join("\n",
                "# Written by Rekey for a redis-server it owns. Users live in users.acl, as hashes only.",
                "port " + port,
                "bind 127.0.0.1",
                "daemonize no",
                "dir " + quoted(root),
                "pidfile " + quoted(pidFile()),
                "logfile " + quoted(log()),
                "save \"\"",
                "appendonly no",
                "aclfile " + quoted(users()),
                "repl-diskless-sync-delay 0",
                ""));
    }

    void writeUsers(String adminUser, Secret adminPassword, String account, Secret accountPassword)
            throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("user " + account + " on #" + accountPassword.sha256Hex() + " ~* &* +@all");
        // an aclfile without a default user would leave Redis's built-in password-free default in place
        if (!account.equals("default")) lines.add("user default off -@all");
        lines.add("user " + adminUser + " on #" + adminPassword.sha256Hex() + " " + ADMIN_RULES);
        lines.add("");
        writePrivate(users(), String.join("\n", lines));
    }

    int recordedPort() throws IOException {
        for (String line : Files.readAllLines(conf(), StandardCharsets.UTF_8)) {
            if (PORT_LINE.matcher(line.strip()).matches()) return Integer.parseInt(line.strip().substring(5));
        }
        throw new IOException(conf() + " has no 'port' line");
    }

    void rewritePort(int port) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(conf(), StandardCharsets.UTF_8)) {
            lines.add(PORT_LINE.matcher(line.strip()).matches() ? "port " + port : line);
        }
        lines.add("");
        writePrivate(conf(), String.join("\n", lines));
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

    /** What redis.log gained since {@code offset} (a log holds no secrets: Redis never logs passwords). */
    String logSince(long offset) {
        try (RandomAccessFile file = new RandomAccessFile(log().toFile(), "r")) {
            long start = Math.min(offset, file.length());
            byte[] bytes = new byte[(int) Math.min(file.length() - start, 1 << 20)];
            file.seek(start);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The last lines of redis.out and redis.log, for error messages. */
    String tail(int lines) {
        return lastLines(out(), lines) + lastLines(log(), lines);
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

    private static String quoted(Path path) {
        return "\"" + path + "\"";
    }

    /** Written to a temp file first, so a crash never leaves a half-written config or ACL file behind. */
    private void writePrivate(Path target, String content) throws IOException {
        Path temp = Files.createTempFile(root, target.getFileName().toString(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
