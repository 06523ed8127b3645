package dev.rekey.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/** Text form of an {@link EngineState}, so a task can keep the state to roll back to (always sealed in the store). */
public final class EngineStateCodec {
    private EngineStateCodec() {
    }

    public static Secret encode(EngineState state) {
        String restore = state.restoreData() == null ? "-"
                : Base64.getEncoder().encodeToString(state.restoreData().reveal().getBytes(StandardCharsets.UTF_8));
        return Secret.of((state.passwordFree() ? "nopass" : "pass") + ";"
                + String.join(",", new TreeSet<>(state.fingerprints())) + ";" + restore);
    }

    public static EngineState decode(Secret encoded) {
        String[] parts = encoded.reveal().split(";", -1);
        if (parts.length != 3) throw new IllegalArgumentException("not an encoded engine state");
        Set<String> fps = parts[1].isEmpty() ? Set.of() : new HashSet<>(Arrays.asList(parts[1].split(",")));
        Secret restore = "-".equals(parts[2]) ? null
                : Secret.of(new String(Base64.getDecoder().decode(parts[2]), StandardCharsets.UTF_8));
        return new EngineState(fps, "nopass".equals(parts[0]), restore);
    }
}
