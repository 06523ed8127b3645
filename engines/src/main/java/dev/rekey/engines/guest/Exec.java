package dev.rekey.engines.guest;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a short helper command (cp, du, ...) to completion within a time limit, in a clean environment. */
final class Exec {
    /** qemu-ga finds chpasswd through PATH, and the JVM's PATH may lack the sbin directories. */
    static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    record Result(int status, String output) {
    }

    private Exec() {
    }

    /** Environment is only PATH and LC_ALL: nothing of the JVM's environment (keys, tokens) reaches a guest. */
    static ProcessBuilder builder(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", PATH);
        env.put("LC_ALL", "C");
        return builder;
    }

    static Result run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Process process = builder(command).start();
        // read while it runs: a full pipe would block the command and turn into a false timeout
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IOException(command.get(0) + " did not finish within " + timeout);
        }
        return new Result(process.exitValue(), output.join());
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
