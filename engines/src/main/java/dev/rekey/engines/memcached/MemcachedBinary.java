package dev.rekey.engines.memcached;

import dev.rekey.core.EngineException;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Where the memcached executable is, and the arguments this machine's user needs to run it. */
final class MemcachedBinary {
    static final String MISSING = "memcached is not on PATH nor in /usr/bin: install the Debian package 'memcached'"
            + " (apt-get install memcached)";

    private MemcachedBinary() {
    }

    static Optional<Path> find() {
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty()) candidates.add(Path.of(dir, "memcached"));
            }
        }
        candidates.add(Path.of("/usr/bin/memcached"));
        return candidates.stream().filter(Files::isExecutable).filter(Files::isRegularFile).findFirst();
    }

    static Path locate() throws EngineException {
        return find().orElseThrow(() -> new EngineException(MISSING));
    }

    /** memcached refuses to start as root unless told which user to run as. */
    static List<String> userArguments() {
        return runningAsRoot() ? List.of("-u", "root") : List.of();
    }

    private static boolean runningAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
