package dev.rekey.engines.redis.topology;

import dev.rekey.core.EngineException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** {@code topology.properties}: what a topology folder holds (kind and sizes), so it can be opened again. */
final class TopologyFile {

    static final String NAME = "topology.properties";

    private TopologyFile() {
    }

    static void write(Path dir, Properties values) throws EngineException {
        try {
            NodeFolder root = new NodeFolder(dir, false);
            root.createPrivate();
            StringWriter text = new StringWriter();
            values.store(text, "Written by Rekey: a topology it owns");
            root.writePrivate(dir.resolve(NAME), text.toString());
        } catch (IOException e) {
            throw new EngineException("cannot write " + dir.resolve(NAME) + ": " + e.getMessage(), e);
        }
    }

    static Properties read(Path dir, String kind) throws EngineException {
        Path file = dir.resolve(NAME);
        Properties values = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            values.load(reader);
        } catch (IOException e) {
            throw new EngineException(dir + " holds no topology to open (" + e.getMessage() + ")", e);
        }
        if (!kind.equals(values.getProperty("kind"))) {
            throw new EngineException(dir + " holds a " + values.getProperty("kind") + " topology, not " + kind);
        }
        return values;
    }

    static boolean exists(Path dir) {
        return Files.exists(dir.resolve(NAME));
    }

    static int number(Properties values, String key) throws EngineException {
        try {
            return Integer.parseInt(values.getProperty(key));
        } catch (NumberFormatException e) {
            throw new EngineException(NAME + " has no number '" + key + "'");
        }
    }
}
