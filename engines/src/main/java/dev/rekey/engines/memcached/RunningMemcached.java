package dev.rekey.engines.memcached;

import dev.rekey.core.EngineException;
import dev.rekey.engines.Processes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A memcached found alive through a directory's pid file. Its command line must name that directory's auth file,
 * so a pid reused by another process is never taken for it, and its port must answer.
 */
record RunningMemcached(ProcessHandle handle, int port) {

    static RunningMemcached of(Path dir) throws EngineException {
        long pid = readPid(dir.resolve(MemcachedLauncher.PID_FILE));
        ProcessHandle handle = ProcessHandle.of(pid).filter(Processes::isAlive)
                .orElseThrow(() -> notRunning(dir, pid));
        Optional<String[]> commandLine = handle.info().arguments();
        // checked after the read: a process that began to exit before it also has an empty command line
        if (commandLine.isEmpty() && Processes.isExitingOrGone(handle)) throw notRunning(dir, pid);
        List<String> arguments = List.of(commandLine.orElseThrow(
                () -> new EngineException("cannot read the command line of pid " + pid)));
        Path authFile = dir.resolve(MemcachedLauncher.AUTH_FILE).toAbsolutePath().normalize();
        String authArgument = valueAfter(arguments, "-Y");
        if (authArgument == null || !Path.of(authArgument).toAbsolutePath().normalize().equals(authFile)) {
            throw new EngineException("pid " + pid + " is not the memcached of " + dir);
        }
        int port = parsePort(valueAfter(arguments, "-p"), pid);
        requireAnswer(port);
        return new RunningMemcached(handle, port);
    }

    private static EngineException notRunning(Path dir, long pid) {
        return new EngineException("the memcached of " + dir + " is not running (pid " + pid + ")");
    }

    private static long readPid(Path pidFile) throws EngineException {
        try {
            return Long.parseLong(Files.readString(pidFile).strip());
        } catch (IOException | NumberFormatException e) {
            throw new EngineException("no readable memcached pid in " + pidFile + ": " + e.getMessage(), e);
        }
    }

    private static String valueAfter(List<String> arguments, String option) {
        int at = arguments.indexOf(option);
        return at >= 0 && at + 1 < arguments.size() ? arguments.get(at + 1) : null;
    }

    private static int parsePort(String value, long pid) throws EngineException {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new EngineException("memcached pid " + pid + " was not started with a numeric -p port", e);
        }
    }

    private static void requireAnswer(int port) throws EngineException {
        try (MemcachedTextClient client = MemcachedTextClient.connect(MemcachedLauncher.HOST, port)) {
            client.version(); // before a login memcached answers "CLIENT_ERROR unauthenticated": it answers
        } catch (IOException e) {
            throw new EngineException("memcached on port " + port + " does not answer: " + e.getMessage(), e);
        }
    }
}
