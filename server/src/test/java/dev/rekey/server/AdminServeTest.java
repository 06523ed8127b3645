package dev.rekey.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** `rekey serve` as a real process: it says where its admin API is once it is ready, and removes admin.url at its stop. */
class AdminServeTest {
    private static final Pattern ADMIN = Pattern.compile("Rekey admin on (http://127\\.0\\.0\\.1:\\d+)");
    @TempDir
    Path dir;

    @Test
    void serveWithAnAdminPortPrintsTheAdminAddressOnceReady() throws Exception {
        Path config = dir.resolve("rekey.yaml");
        Files.writeString(config, """
                server: { data: ./data }
                tenants:
                  - name: acme
                """);
        String java = ProcessHandle.current().info().command().orElse("java");
        var pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), "dev.rekey.server.Main",
                "serve", "--config", config.toString(), "--port", "0", "--admin-port", "0"));
        pb.redirectError(dir.resolve("stderr.log").toFile());
        Process p = pb.start();
        try {
            var url = new CompletableFuture<String>();
            var lines = new ArrayList<String>();
            Thread.ofVirtual().start(() -> {
                try (var in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        synchronized (lines) {
                            lines.add(line);
                        }
                        Matcher m = ADMIN.matcher(line);
                        if (m.find()) url.complete(m.group(1));
                    }
                } catch (java.io.IOException e) {
                    url.completeExceptionally(e);
                }
                url.completeExceptionally(new IllegalStateException("exited; stdout " + lines));
            });
            String admin = url.get(60, TimeUnit.SECONDS);
            synchronized (lines) {
                assertEquals(2, lines.size(), "the listening line, then the admin line: " + lines);
            }
            assertEquals(admin, Files.readString(dir.resolve("data/admin.url")).strip());
            var client = new AdminClient(admin, AdminClient.tokenIn(dir.resolve("data/admin.token")));
            assertEquals(200, client.get("/api/tenants").status());
            assertEquals(200, client.withToken(null).get("/metrics").status());
        } finally {
            p.destroy();
            p.waitFor(20, TimeUnit.SECONDS);
        }
        assertFalse(Files.exists(dir.resolve("data/admin.url")), "removed at the stop");
    }
}
