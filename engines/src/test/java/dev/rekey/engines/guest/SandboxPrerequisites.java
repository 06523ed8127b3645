package dev.rekey.engines.guest;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The sandboxed-agent tests need root, qemu-ga and util-linux's namespace tools. When one is missing they fail the
 * run on CI (CI=true: a skipped engine test there hides a broken install step) and are skipped loudly elsewhere.
 */
final class SandboxPrerequisites {

    private SandboxPrerequisites() {
    }

    static void require() {
        String missing = whatIsMissing();
        if (missing == null) return;
        String message = "guest agent tests cannot run: " + missing;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) Assertions.fail(message);
        System.err.println("SKIPPED " + message);
        Assumptions.abort(message);
    }

    private static String whatIsMissing() {
        if (!"root".equals(System.getProperty("user.name"))) return "the qemu-ga sandbox needs root (unshare --mount)";
        if (!Files.isExecutable(Path.of(SandboxScript.AGENT))) {
            return SandboxScript.AGENT + " not found (Debian package qemu-guest-agent)";
        }
        for (String tool : List.of("unshare", "nsenter", "setpriv", "su")) {
            if (!onPath(tool)) return tool + " not found (Debian package util-linux)";
        }
        for (String tool : List.of("useradd", "chpasswd")) {
            if (!onPath(tool)) return tool + " not found (Debian package passwd)";
        }
        try {
            Exec.Result probe = Exec.run(List.of("unshare", "--mount", "--propagation", "private", "true"),
                    Duration.ofSeconds(10));
            if (probe.status() != 0) {
                return "unshare --mount --propagation private true failed (needs CAP_SYS_ADMIN; package util-linux): "
                        + probe.output().strip();
            }
        } catch (Exception e) {
            return "unshare could not run (package util-linux): " + e.getMessage();
        }
        return null;
    }

    private static boolean onPath(String tool) {
        for (String dir : Exec.PATH.split(":")) if (Files.isExecutable(Path.of(dir, tool))) return true;
        return false;
    }
}
