package dev.rekey.server;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A data folder written by an earlier release, kept under {@code src/test/resources/upgrade/<release>/} by
 * {@code scripts/make-upgrade-fixture.sh}: {@code data/} (what that release left, minus what a restart regenerates),
 * {@code rekey.yaml} (the configuration it ran with), {@code expected.properties} (every fact a test must read back)
 * and {@code EXPECTED.md} (the same, explained). {@link #install} turns it back into a complete data folder.
 */
public final class UpgradeFixture {
    /**
     * The only files of a spawned guest's {@code etc-copy} the fixture keeps: the account files each guest owns
     * (release-1's {@code EtcTemplate.PRIVATE_FILES}). The rest of a guest's /etc is a snapshot of the host's.
     */
    static final List<String> GUEST_PRIVATE_FILES = List.of(
            "passwd", "passwd-", "shadow", "shadow-", "group", "group-", "gshadow", "gshadow-",
            "subuid", "subuid-", "subgid", "subgid-", ".pwd.lock", "security/opasswd");

    private final Path root;
    private final Map<String, String> expected;

    private UpgradeFixture(Path root, Map<String, String> expected) {
        this.root = root;
        this.expected = expected;
    }

    /** The data folder of the first release (tag release-1). */
    public static UpgradeFixture releaseOne() {
        return of("upgrade/release-1");
    }

    static UpgradeFixture of(String resource) {
        URL url = UpgradeFixture.class.getClassLoader().getResource(resource + "/expected.properties");
        if (url == null) throw new IllegalStateException("no fixture " + resource + " on the test class path");
        Path file = pathOf(url);
        try {
            return new UpgradeFixture(file.getParent(), readFacts(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A recorded fact; a missing key is a broken fixture, not a default. */
    public String expect(String key) {
        String value = expected.get(key);
        if (value == null) throw new AssertionError("the fixture records no fact '" + key + "'");
        return value;
    }

    /** Every recorded key starting with {@code prefix}, sorted. */
    public List<String> keys(String prefix) {
        return expected.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
    }

    /** The configuration the release ran with (committed beside the data folder). */
    public String yaml() {
        try {
            return Files.readString(root.resolve("rekey.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Installs the data folder into {@code dir/data} and starts the code under test on it, with the same YAML. */
    public TestRekey start(Path dir) throws IOException, InterruptedException {
        install(dir);
        return TestRekey.start(dir, yaml());
    }

    /**
     * Copies the fixture's data folder to {@code dir/data} and puts back what the fixture leaves out: the absolute
     * paths in each spawned Redis's redis.conf (the release wrote its own data folder's path there) become this
     * folder's, and each guest's {@code etc-copy} becomes a snapshot of the host's /etc with the guest's own account
     * files, as release-1's EtcTemplate makes it. Git keeps no file modes: the private ones are set again.
     */
    public void install(Path dir) throws IOException, InterruptedException {
        Path data = dir.resolve("data").toAbsolutePath();
        copyTree(root.resolve("data"), data);
        String generatedAt = expect("generated.data-folder");
        Files.setPosixFilePermissions(data.resolve("master.key"), PosixFilePermissions.fromString("rw-------"));
        try (Stream<Path> engines = Files.list(data.resolve("engines"))) {
            for (Path engine : engines.toList()) {
                Files.setPosixFilePermissions(engine, PosixFilePermissions.fromString("rwx------"));
                Path conf = engine.resolve("redis.conf");
                if (Files.exists(conf)) Files.writeString(conf, Files.readString(conf).replace(generatedAt, data.toString()));
                for (String secret : List.of("users.acl", "auth")) {
                    Path file = engine.resolve(secret);
                    if (Files.exists(file)) Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                }
                if (Files.isDirectory(engine.resolve("etc-copy"))) completeEtcCopy(engine.resolve("etc-copy"));
            }
        }
    }

    /** Host /etc snapshot plus the guest's own account files (content from the fixture, owner and mode from /etc). */
    private static void completeEtcCopy(Path etcCopy) throws IOException, InterruptedException {
        Path own = etcCopy.resolveSibling("etc-copy.fixture");
        Files.move(etcCopy, own);
        run("cp", "-a", "/etc", etcCopy.toString());
        for (String name : GUEST_PRIVATE_FILES) {
            Path mine = own.resolve(name);
            Path target = etcCopy.resolve(name);
            if (!Files.exists(mine)) {
                Files.deleteIfExists(target);
            } else if (Files.exists(target)) {
                Files.write(target, Files.readAllBytes(mine));
            } else {
                Files.createDirectories(target.getParent());
                Files.copy(mine, target);
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
            }
        }
        run("rm", "-rf", "--one-file-system", own.toString());
    }

    /** key=value lines as {@link Properties} reads them, sorted by key. */
    public static Map<String, String> readFacts(String text) {
        var properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var out = new TreeMap<String, String>();
        properties.stringPropertyNames().forEach(k -> out.put(k, properties.getProperty(k)));
        return out;
    }

    /** Writes {@code facts} as a properties file sorted by key, without the date comment, so reruns diff cleanly. */
    public static void writeFacts(Path file, Map<String, String> facts) throws IOException {
        var properties = new Properties();
        properties.putAll(facts);
        var text = new StringWriter();
        properties.store(text, null);
        List<String> lines = new ArrayList<>(text.toString().lines().filter(l -> !l.startsWith("#")).sorted().toList());
        lines.add("");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, String.join("\n", lines), StandardCharsets.ISO_8859_1);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path source : all.sorted(Comparator.comparing(Path::toString)).toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) Files.createDirectories(target);
                else Files.copy(source, target);
            }
        }
    }

    /** The fixture on the class path: a folder (this module, or the server's test classes in the reactor) or a jar. */
    private static Path pathOf(URL url) {
        try {
            URI uri = url.toURI();
            if (!uri.getScheme().equals("jar")) return Path.of(uri);
            try {
                FileSystems.getFileSystem(uri);
            } catch (FileSystemNotFoundException e) {
                FileSystems.newFileSystem(uri, Map.of());
            }
            return Path.of(uri);
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot open the fixture at " + url + ": " + e.getMessage(), e);
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) throw new IOException(String.join(" ", command) + " failed: " + out.strip());
    }
}
