package dev.rekey.engines.memcached;

import dev.rekey.engines.FreePort;
import dev.rekey.core.EngineException;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Spawns memcached on a directory's auth file and waits until a real login works: memcached gives no other sign
 * of readiness, and a bad auth file or a taken port only shows as an early exit with a line in its log.
 */
final class MemcachedLauncher {
    static final String HOST = "127.0.0.1";
    static final String AUTH_FILE = "auth";
    static final String PID_FILE = "memcached.pid";
    static final String LOG_FILE = "memcached.log";
    private static final long READY_TIMEOUT_MILLIS = 10_000;
    private static final int PORT_ATTEMPTS = 3;

    record Launched(ProcessHandle handle, int port) {
    }

    private enum Start { READY, PORT_TAKEN }

    private MemcachedLauncher() {
    }

    /** Starts memcached on {@code port} (0: any free port) and returns once {@code probe} can log in. */
    static Launched launch(Path dir, int port, AuthEntry probe) throws EngineException {
        Path binary = MemcachedBinary.locate();
        if (port != 0 && !FreePort.isFree(port)) {
            throw new EngineException("port " + port + " on " + HOST + " is already in use");
        }
        for (int attempt = 1; ; attempt++) {
            int candidate = port != 0 ? port : FreePort.pick();
            long logStart = logSize(dir);
            Process process = spawn(binary, dir, candidate);
            if (awaitLoginOrStop(process, dir, logStart, candidate, probe) == Start.READY) {
                return new Launched(process.toHandle(), candidate);
            }
            if (port != 0 || attempt == PORT_ATTEMPTS) {
                throw new EngineException("memcached could not listen on port " + candidate + ": "
                        + logTail(dir, logStart));
            }
        }
    }

    private static Process spawn(Path binary, Path dir, int port) throws EngineException {
        Path absolute = dir.toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(binary.toString(), "-l", HOST, "-p", Integer.toString(port),
                "-U", "0", "-m", "16", "-t", "1",
                "-Y", absolute.resolve(AUTH_FILE).toString(), "-P", absolute.resolve(PID_FILE).toString()));
        command.addAll(MemcachedBinary.userArguments());
        try {
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(absolute.resolve(LOG_FILE).toFile()))
                    .start();
        } catch (IOException e) {
            throw new EngineException("cannot start " + binary + ": " + e.getMessage(), e);
        }
    }

    private static Start awaitLoginOrStop(Process process, Path dir, long logStart, int port, AuthEntry probe)
            throws EngineException {
        try {
            return awaitLogin(process, dir, logStart, port, probe);
        } catch (EngineException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static Start awaitLogin(Process process, Path dir, long logStart, int port, AuthEntry probe)
            throws EngineException {
        long deadline = System.nanoTime() + READY_TIMEOUT_MILLIS * 1_000_000;
        String lastProblem = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) return exited(process, dir, logStart);
            try (MemcachedTextClient client = MemcachedTextClient.connect(HOST, port)) {
                String reply = client.authenticate(probe.user(), probe.password());
                if (reply.equals(MemcachedTextClient.STORED) && process.isAlive()) return Start.READY;
                if (reply.equals(MemcachedTextClient.AUTHENTICATION_FAILURE) && process.isAlive()) {
                    throw new EngineException("memcached on port " + port + " refused the login of user '"
                            + probe.user() + "' from its own auth file");
                }
                lastProblem = "login answered " + reply;
            } catch (IOException e) {
                lastProblem = e.getMessage();
            }
            pause();
        }
        throw new EngineException("memcached on port " + port + " did not accept a login from its auth file within "
                + READY_TIMEOUT_MILLIS / 1000 + " s (" + lastProblem + ")");
    }

    private static Start exited(Process process, Path dir, long logStart) throws EngineException {
        String log = logTail(dir, logStart);
        if (log.contains("Address already in use")) return Start.PORT_TAKEN;
        throw new EngineException("memcached exited with status " + process.exitValue() + " before accepting logins: "
                + log);
    }

    private static long logSize(Path dir) {
        try {
            return Files.size(dir.resolve(LOG_FILE));
        } catch (IOException e) {
            return 0; // no log yet
        }
    }

    /** The end of what memcached logged since {@code start}: why a start failed (it never logs passwords). */
    private static String logTail(Path dir, long start) {
        Path log = dir.resolve(LOG_FILE);
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long from = Math.max(start, file.length() - 400);
            byte[] tail = new byte[(int) (file.length() - from)];
            file.seek(from);
            file.readFully(tail);
            String text = new String(tail, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "(its log is empty)" : text;
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    private static void pause() throws EngineException {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while waiting for memcached to accept logins", e);
        }
    }
}
