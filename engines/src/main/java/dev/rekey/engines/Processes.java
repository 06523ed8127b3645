package dev.rekey.engines;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Stopping and watching the engine processes Rekey spawned or adopted, always by pid, never by name. */
public final class Processes {
    private Processes() {
    }

    /**
     * Alive and not a zombie. An adopted process is not our child: once it exits it stays a zombie until the init
     * process reaps it, which some container inits do late or never, so a zombie counts as gone.
     */
    public static boolean isAlive(ProcessHandle process) {
        return process.isAlive() && !isZombie(process.pid());
    }

    /** SIGTERM, up to {@code wait} to exit, then SIGKILL and as long again. Returns whether the process is gone. */
    public static boolean stop(ProcessHandle process, Duration wait) {
        if (!isAlive(process)) return true;
        process.destroy();
        if (awaitExit(process, wait)) return true;
        process.destroyForcibly();
        return awaitExit(process, wait);
    }

    private static boolean awaitExit(ProcessHandle process, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (isAlive(process) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return !isAlive(process);
    }

    /** Linux only: the state letter in /proc/PID/stat follows the parenthesised command name. */
    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int afterName = stat.lastIndexOf(')');
            return afterName > 0 && stat.length() > afterName + 2 && stat.charAt(afterName + 2) == 'Z';
        } catch (IOException e) {
            return false;
        }
    }
}
