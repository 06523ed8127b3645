package dev.rekey.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Rekey node as a real child process (`rekey serve --config`), so a test can SIGTERM or SIGKILL it. */
final class NodeProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("Rekey listening on http://127\\.0\\.0\\.1:(\\d+)");
    private final Process process;
    private final int port;

    private NodeProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** {@code log} receives stderr (every log line); {@code extraArgs} follow {@code serve --config FILE --port 0}. */
    static NodeProcess start(Path config, Path log, Map<String, String> env, String... extraArgs) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        var command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "dev.rekey.server.Main",
                "serve", "--config", config.toString(), "--port", "0"));
        command.addAll(List.of(extraArgs));
        var pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        pb.redirectError(log.toFile());
        Process p = pb.start();
        var ready = new CompletableFuture<Integer>();
        Thread.ofVirtual().start(() -> {
            try (var in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    Matcher m = READY.matcher(line);
                    if (m.find()) ready.complete(Integer.parseInt(m.group(1)));
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("the node exited before it was ready; see " + log));
        });
        try {
            return new NodeProcess(p, ready.get(60, TimeUnit.SECONDS));
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("node did not start: " + e.getMessage() + " (log " + log + ")", e);
        }
    }

    int port() {
        return port;
    }

    String endpoint() {
        return "127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: the node dies at once, mid-task, without any shutdown hook. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}
