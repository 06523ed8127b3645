package dev.rekey.engines.guest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads and rewrites a shadow-format file (shadow, gshadow: name, then the hash field) the way the shadow tools do:
 * a temporary file in the same directory with the original's owner, group and mode, fsync, then rename. A reader
 * (or an agent started a moment later) sees either the old or the new file, never a half-written one.
 */
final class ShadowFile {

    private ShadowFile() {
    }

    static Optional<ShadowEntry> find(Path file, String user) throws IOException {
        for (String line : Files.readString(file, StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith(user + ":")) return Optional.of(ShadowEntry.parse(line));
        }
        return Optional.empty();
    }

    /**
     * Replaces the hash field of every entry for which {@code newHash} answers non-null; every other byte of the
     * file stays as it was. Returns how many lines changed; the file is rewritten only when some did.
     */
    static int rewriteHashes(Path file, Function<ShadowEntry, String> newHash) throws IOException {
        String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n", -1);
        List<String> out = new ArrayList<>(lines.length);
        int changed = 0;
        for (String line : lines) {
            String hash = line.indexOf(':') > 0 ? newHash.apply(ShadowEntry.parse(line)) : null;
            if (hash == null) {
                out.add(line);
            } else {
                out.add(withHashField(line, hash));
                changed++;
            }
        }
        if (changed > 0) replaceAtomically(file, String.join("\n", out).getBytes(StandardCharsets.UTF_8));
        return changed;
    }

    private static String withHashField(String line, String hash) {
        int first = line.indexOf(':');
        int second = line.indexOf(':', first + 1);
        return line.substring(0, first + 1) + hash + (second < 0 ? "" : line.substring(second));
    }

    private static void replaceAtomically(Path file, byte[] content) throws IOException {
        PosixFileAttributes original = Files.readAttributes(file, PosixFileAttributes.class);
        Path temp = file.resolveSibling("." + file.getFileName() + ".rekey-tmp");
        Files.deleteIfExists(temp);
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        try (FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(ownerOnly))) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) channel.write(buffer);
            channel.force(true);
        }
        PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
        view.setOwner(original.owner());
        view.setGroup(original.group());
        view.setPermissions(original.permissions());
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel directory = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            directory.force(true); // make the rename itself durable
        }
    }
}
