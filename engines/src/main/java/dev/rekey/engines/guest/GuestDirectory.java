package dev.rekey.engines.guest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The files of one spawned guest, all under one 0700 directory: {@code etc-copy} (its /etc), {@code sandbox.sh},
 * {@code users}, {@code initial-hashes} (first start only), {@code state}, {@code qga.sock}, {@code qga.log} and
 * {@code sandbox.log}. Next to it, shared with its sibling guests, the {@link EtcTemplate}.
 */
final class GuestDirectory {
    /** A unix socket path must fit sockaddr_un.sun_path (108 bytes with the terminating NUL). */
    private static final int MAX_SOCKET_PATH = 107;

    final Path dir;

    GuestDirectory(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
        if (this.dir.getParent() == null) throw new IllegalArgumentException("a guest directory needs a parent");
        if (socket().toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
            throw new IllegalArgumentException("guest directory path is too long for a unix socket: " + this.dir);
        }
    }

    Path etcCopy() {
        return dir.resolve("etc-copy");
    }

    Path shadow() {
        return etcCopy().resolve("shadow");
    }

    Path socket() {
        return dir.resolve("qga.sock");
    }

    Path script() {
        return dir.resolve("sandbox.sh");
    }

    Path sandboxLog() {
        return dir.resolve("sandbox.log");
    }

    /**
     * Creates what a start needs. The /etc copy is made only once, so a restart keeps the guest's changed shadow;
     * the initial hashes are written only together with a fresh copy.
     */
    void prepare(List<String> users, Map<String, String> initialHashes) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Files.createDirectories(dir.resolve("state"));
        Files.writeString(dir.resolve("users"), users.stream().map(u -> u + "\n").collect(Collectors.joining()));
        writeScript();
        if (!Files.isDirectory(etcCopy())) copyEtc(initialHashes);
    }

    void writeScript() throws IOException {
        Files.writeString(script(), SandboxScript.text());
        Files.setPosixFilePermissions(script(), PosixFilePermissions.fromString("rwx------"));
    }

    /**
     * Links or copies the shared template (see {@link EtcTemplate}) under a temporary name and renames it, so an
     * interrupted copy is never mistaken for a finished one. The initial hashes go with a fresh copy only.
     */
    private void copyEtc(Map<String, String> initialHashes) throws IOException, InterruptedException {
        Path template = EtcTemplate.ensure(dir.getParent());
        Path partial = dir.resolve("etc-copy.partial");
        EtcTemplate.remove(partial);
        EtcTemplate.copyInto(template, partial);
        writeInitialHashes(initialHashes);
        Files.move(partial, etcCopy(), StandardCopyOption.ATOMIC_MOVE);
    }

    private void writeInitialHashes(Map<String, String> initialHashes) throws IOException {
        Path file = dir.resolve("initial-hashes");
        Files.deleteIfExists(file);
        if (initialHashes.isEmpty()) return;
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        StringBuilder lines = new StringBuilder();
        initialHashes.forEach((user, hash) -> lines.append(user).append(':').append(hash).append('\n'));
        Files.writeString(file, lines);
    }

    /** The end of sandbox.log, to explain a failed start (it holds tool messages, never hashes). */
    String sandboxLogTail() {
        try {
            String log = Files.readString(sandboxLog(), StandardCharsets.UTF_8).strip();
            return log.length() <= 600 ? log : "..." + log.substring(log.length() - 600);
        } catch (IOException e) {
            return "(no sandbox.log)";
        }
    }
}
