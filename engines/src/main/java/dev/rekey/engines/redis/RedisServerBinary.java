package dev.rekey.engines.redis;

import dev.rekey.core.EngineException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the redis-server executable: first on PATH, then where the Debian package puts it. */
final class RedisServerBinary {

    static final Path DEBIAN_LOCATION = Path.of("/usr/bin/redis-server");
    static final String MISSING = "redis-server was not found on PATH nor at " + DEBIAN_LOCATION
            + "; install the Debian package 'redis-server' (apt-get install redis-server)";

    private RedisServerBinary() {
    }

    static Optional<Path> find() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String folder : path.split(File.pathSeparator)) {
                if (folder.isEmpty()) continue;
                Path candidate = Path.of(folder, "redis-server");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return Optional.of(candidate);
            }
        }
        return Files.isExecutable(DEBIAN_LOCATION) ? Optional.of(DEBIAN_LOCATION) : Optional.empty();
    }

    static Path require() throws EngineException {
        return find().orElseThrow(() -> new EngineException(MISSING));
    }
}
