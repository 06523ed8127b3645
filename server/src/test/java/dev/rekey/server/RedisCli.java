package dev.rekey.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real `redis-cli`, as a user outside Rekey would run it, to check which password an engine accepts. */
public final class RedisCli {
    private RedisCli() {
    }

    /** PING as {@code default} with {@code password} (null: no AUTH); returns the reply line, e.g. PONG or an error. */
    public static String ping(String host, int port, String password) throws IOException, InterruptedException {
        var cmd = new ArrayList<>(List.of("redis-cli", "-h", host, "-p", Integer.toString(port)));
        if (password != null) cmd.addAll(List.of("--user", "default", "--pass", password, "--no-auth-warning"));
        cmd.add("PING");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "TIMEOUT";
        }
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }

    public static boolean accepts(String host, int port, String password) throws IOException, InterruptedException {
        return ping(host, port, password).equals("PONG");
    }

    /** Whether anything answers on the port as a Redis (an authentication error is an answer). */
    public static boolean answers(String host, int port) throws IOException, InterruptedException {
        String reply = ping(host, port, null);
        return !reply.contains("Could not connect") && !reply.contains("Connection refused") && !reply.equals("TIMEOUT");
    }
}
