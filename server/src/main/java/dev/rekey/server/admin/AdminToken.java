package dev.rekey.server.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The admin API's bearer tokens, from a file the operator owns: created 0600 with one random token on first start, and
 * read again whenever it changes (several nodes may share one file, and a token may be replaced without a restart).
 * Each line is a token ({@code admin}), or {@code NAME:TOKEN} to give it a name that the audit records; {@code #}
 * starts a comment. Tokens are compared in constant time and never written anywhere else.
 */
public final class AdminToken {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Path file;
    private volatile Loaded loaded;

    private record Named(String name, byte[] token) {
    }

    private record Loaded(FileTime modified, List<Named> tokens) {
    }

    private AdminToken(Path file) {
        this.file = file;
    }

    /** The token file, created with a fresh token if it does not exist. */
    public static AdminToken open(Path file) {
        var t = new AdminToken(file);
        try {
            if (!Files.exists(file)) create(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the admin token file " + file + ": " + e.getMessage(), e);
        }
        if (t.tokens().isEmpty()) throw new IllegalStateException("the admin token file " + file + " holds no token");
        return t;
    }

    private static void create(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        Path tmp = Files.createTempFile(dir, ".admin", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, Base64.getUrlEncoder().withoutPadding().encodeToString(b) + "\n");
        try {
            Files.move(tmp, file);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            Files.delete(tmp); // another node sharing the file created it first
        }
    }

    public Path file() {
        return file;
    }

    /** The name of the token given, or empty when it is none of the file's. */
    public Optional<String> check(String given) {
        if (given == null || given.isEmpty()) return Optional.empty();
        byte[] bytes = given.getBytes(StandardCharsets.UTF_8);
        String match = null;
        for (Named n : tokens()) {
            // every token is compared, so the time taken does not tell which one (or how much of one) matched
            if (MessageDigest.isEqual(n.token(), bytes) && match == null) match = n.name();
        }
        return Optional.ofNullable(match);
    }

    private List<Named> tokens() {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            Loaded now = loaded;
            if (now != null && now.modified().equals(modified)) return now.tokens();
            var tokens = new ArrayList<Named>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) continue;
                int colon = l.indexOf(':');
                String name = colon < 0 ? "admin" : l.substring(0, colon).strip();
                String token = colon < 0 ? l : l.substring(colon + 1).strip();
                if (!token.isEmpty()) tokens.add(new Named(name.isEmpty() ? "admin" : name, token.getBytes(StandardCharsets.UTF_8)));
            }
            loaded = new Loaded(modified, List.copyOf(tokens));
            return loaded.tokens();
        } catch (IOException e) {
            Loaded last = loaded;
            return last == null ? List.of() : last.tokens();
        }
    }
}
