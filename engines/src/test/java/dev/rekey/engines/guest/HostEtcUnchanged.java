package dev.rekey.engines.guest;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Checksums the host's account files before a test class and requires them unchanged after it. */
final class HostEtcUnchanged implements BeforeAllCallback, AfterAllCallback {
    private static final List<Path> FILES = List.of(
            Path.of("/etc/shadow"), Path.of("/etc/passwd"), Path.of("/etc/group"), Path.of("/etc/gshadow"));
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(HostEtcUnchanged.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        context.getStore(NAMESPACE).put("before", checksums());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        Object before = context.getStore(NAMESPACE).get("before");
        assertEquals(before, checksums(), "the host's /etc account files changed during " + context.getDisplayName());
    }

    static Map<Path, String> checksums() throws Exception {
        Map<Path, String> sums = new LinkedHashMap<>();
        for (Path file : FILES) {
            if (!Files.exists(file)) continue;
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            sums.put(file, HexFormat.of().formatHex(digest));
        }
        return sums;
    }
}
