package dev.rekey.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A real Rekey on a free port with its own data folder, configured by a YAML text, for end-to-end tests. It is
 * SDK-neutral: each cloud's SDK tests live in their own module, since the SDKs need conflicting okhttp versions.
 */
public final class TestRekey implements AutoCloseable {
    public final Path dir;
    final String yaml;
    private final java.util.Map<String, String> env;
    private final Clock clock;
    private Rekey rekey;

    private TestRekey(Path dir, String yaml, java.util.Map<String, String> env, Clock clock) {
        this.dir = dir;
        this.yaml = yaml;
        this.env = env;
        this.clock = clock;
    }

    public static TestRekey start(Path dir, String yaml) throws IOException {
        return start(dir, yaml, java.util.Map.of(), Clock.systemUTC());
    }

    /** {@code env}: environment variables the configuration names (admin-password-env), as the process would see them. */
    public static TestRekey start(Path dir, String yaml, java.util.Map<String, String> env) throws IOException {
        return start(dir, yaml, env, Clock.systemUTC());
    }

    /** With the given clock (e.g. a {@link MovableClock}), for lockouts, skew windows and other times under test. */
    public static TestRekey start(Path dir, String yaml, Clock clock) throws IOException {
        return start(dir, yaml, java.util.Map.of(), clock);
    }

    private static TestRekey start(Path dir, String yaml, java.util.Map<String, String> env, Clock clock) throws IOException {
        var t = new TestRekey(dir, yaml, env, clock);
        Files.writeString(dir.resolve("rekey.yaml"), yaml);
        t.startAgain();
        return t;
    }

    public void startAgain() {
        RekeyConfig cfg = new ConfigLoader(k -> env.getOrDefault(k, System.getenv(k))).load(dir.resolve("rekey.yaml")).withOverrides(0, null);
        rekey = Rekey.start(cfg, clock, null);
    }

    public void stop() {
        if (rekey != null) rekey.close();
        rekey = null;
    }

    public Rekey rekey() {
        return rekey;
    }

    public int port() {
        return rekey.port();
    }

    public String endpoint() {
        return "127.0.0.1:" + port();
    }

    /** The admin API's base URL; the configuration must give {@code admin-port}. */
    public String adminUrl() {
        return rekey.adminUrl().orElseThrow(() -> new IllegalStateException("this test Rekey has no admin-port"));
    }

    /** A client of the admin API with the token from the data folder. */
    public AdminClient admin() throws IOException {
        return new AdminClient(adminUrl(), AdminClient.tokenIn(dir.resolve("data").resolve("admin.token")));
    }

    @Override
    public void close() {
        stop();
    }
}
