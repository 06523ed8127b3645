package dev.rekey.engines.guest;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One snapshot of the host's /etc, password hashes locked, shared by the guests under one parent directory
 * ({@code <parent>/.etc-template/etc}). A guest's {@code etc-copy} hard-links the template's files (0.7 MB of
 * directories per guest instead of a 3.5 MB copy, and a few ms instead of ~100-400 ms), except the files that the
 * account tools write, which each guest gets as its own copy. The links point into the template, never into the
 * host's /etc. The template is a snapshot: later changes to the host's /etc reach no guest.
 */
final class EtcTemplate {
    static final String NAME = ".etc-template";

    /**
     * What useradd, chpasswd and pam_unix write: replaced by rename, but the "name-" backups are rewritten in place
     * (shadow-utils opens them with fopen "w"), and a shared inode would carry one guest's change into all of them.
     */
    static final List<String> PRIVATE_FILES = List.of(
            "passwd", "passwd-", "shadow", "shadow-", "group", "group-", "gshadow", "gshadow-",
            "subuid", "subuid-", "subgid", "subgid-", ".pwd.lock", "security/opasswd");

    /** Placeholders the template keeps: they already mean "no password". Every other hash becomes "!" (locked). */
    private static final Set<String> NO_PASSWORD_MARKERS = Set.of("*", "!", "!*");
    private static final Duration COPY_TIMEOUT = Duration.ofSeconds(60);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final Object CREATION = new Object();

    private EtcTemplate() {
    }

    /**
     * The parent's template ({@code <parent>/.etc-template/etc}), created on first use, atomically: a half-made
     * template is never used. The wrapper directory is 0700; the copy inside keeps /etc's own modes, which the
     * guests' non-root processes (su, id) need.
     */
    static Path ensure(Path parent) throws IOException, InterruptedException {
        Path template = parent.resolve(NAME);
        synchronized (CREATION) {
            if (Files.isDirectory(template)) return template.resolve("etc");
            Path partial = parent.resolve(NAME + ".partial-" + UUID.randomUUID());
            Files.createDirectory(partial, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            run(List.of("cp", "-a", "/etc", partial.resolve("etc").toString()));
            for (String name : List.of("shadow", "shadow-", "gshadow", "gshadow-")) {
                Path file = partial.resolve("etc").resolve(name);
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    ShadowFile.rewriteHashes(file, e -> NO_PASSWORD_MARKERS.contains(e.hash()) ? null : "!");
                }
            }
            try {
                Files.move(partial, template, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException anotherProcessWasFaster) {
                remove(partial);
            }
            return template.resolve("etc");
        }
    }

    /**
     * Fills {@code target} (must not exist) from the template: hard links, or a plain copy where links cannot be made
     * (another file system); the account files are always private copies with the template's owner and mode.
     */
    static void copyInto(Path template, Path target) throws IOException, InterruptedException {
        Exec.Result linked = Exec.run(List.of("cp", "-al", template.toString(), target.toString()), COPY_TIMEOUT);
        if (linked.status() != 0) {
            remove(target);
            run(List.of("cp", "-a", template.toString(), target.toString()));
            return;
        }
        for (String name : PRIVATE_FILES) {
            Path source = template.resolve(name);
            if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) continue;
            // delete first: Files.copy onto a hard link of the source is "the same file" and silently does nothing
            Files.deleteIfExists(target.resolve(name));
            Files.copy(source, target.resolve(name), StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        }
    }

    static void remove(Path dir) throws IOException, InterruptedException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) return;
        run(List.of("rm", "-rf", "--one-file-system", dir.toString()));
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Exec.Result result = Exec.run(command, COPY_TIMEOUT);
        if (result.status() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + result.status() + "): "
                    + result.output().strip());
        }
    }
}
