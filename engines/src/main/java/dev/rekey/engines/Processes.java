package dev.rekey.engines;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

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

    /**
     * Whether the process has begun to exit or is already gone (exiting, a zombie, or no longer there). An exiting
     * process has released its memory before it becomes a zombie, so its command line already reads as empty: it
     * must count as gone rather than as a process whose command line cannot be read. Linux only.
     */
    public static boolean isExitingOrGone(ProcessHandle process) {
        if (!process.isAlive()) return true;
        return stat(process.pid()).map(stat -> stat.isZombie() || stat.isExiting()).orElse(true);
    }

    private static boolean isZombie(long pid) {
        return stat(pid).map(Stat::isZombie).orElse(false);
    }

    /** The fields of /proc/PID/stat that tell how far a process is in its exit. */
    private record Stat(char state, long flags) {
        /** The kernel's PF_EXITING: set first thing in do_exit, before the memory and the files are released. */
        private static final long PF_EXITING = 0x4;

        boolean isZombie() {
            return state == 'Z' || state == 'X' || state == 'x';
        }

        boolean isExiting() {
            return (flags & PF_EXITING) != 0;
        }
    }

    /**
     * Empty when the process is no longer there. After the parenthesised command name (which may hold blanks and
     * parentheses itself, hence the last ')') come the state letter and, six fields on, the flags.
     */
    private static Optional<Stat> stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(new Stat(fields[0].charAt(0), Long.parseLong(fields[6])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
