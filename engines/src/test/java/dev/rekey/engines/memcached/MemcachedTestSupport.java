package dev.rekey.engines.memcached;

import dev.rekey.core.Secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Shared by the memcached tests: the prerequisite check, logins from this JVM and from an outside process. */
final class MemcachedTestSupport {
    static final String USER = "alice";

    private MemcachedTestSupport() {
    }

    /** A missing memcached fails the run on CI (a skipped engine test hides a broken install) and skips elsewhere. */
    static void requireMemcached() {
        if (MemcachedBinary.find().isPresent()) return;
        if ("true".equals(System.getenv("CI"))) fail(MemcachedBinary.MISSING);
        assumeTrue(false, MemcachedBinary.MISSING);
    }

    static String login(MemcachedProcess process, String user, String password) throws IOException {
        try (MemcachedTextClient client = MemcachedTextClient.connect(process.host(), process.port())) {
            return client.authenticate(user, Secret.of(password));
        }
    }

    /** The ASCII login sent by bash over /dev/tcp: a memcached client that shares nothing with this code. */
    static String outsideLogin(MemcachedProcess process, String user, String password)
            throws IOException, InterruptedException {
        String script = "exec 3<>/dev/tcp/" + process.host() + "/" + process.port() + " || exit 1\n"
                + "printf 'set auth 0 0 %d\\r\\n%s\\r\\n' \"${#LOGIN}\" \"$LOGIN\" >&3\n"
                + "IFS= read -r -t 2 reply <&3\n"
                + "printf '%s' \"${reply%$'\\r'}\"\n";
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        builder.environment().put("LOGIN", user + " " + password); // through the environment, not the command line
        Process bash = builder.start();
        assertTrue(bash.waitFor(5, TimeUnit.SECONDS), "the outside client did not finish");
        return new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    static void assertPrivateAuthFile(Path authFile) throws IOException {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(authFile)));
        List<String> lines = Files.readAllLines(authFile);
        assertTrue(!lines.isEmpty() && lines.size() <= AuthFile.MAX_ENTRIES, "auth file lines: " + lines.size());
    }
}
