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
     * Alive and not a zombie whose threads have all exited. An adopted process is not our child: once it exits it
     * stays a zombie until the init process reaps it, which some container inits do late or never, so such a zombie
     * counts as gone. Its threads count too: the main thread shows as a zombie as soon as it has exited itself, while
     * the other threads may still be exiting and holding the process's files, its listening port among them.
     */
    public static boolean isAlive(ProcessHandle process) {
        return process.isAlive() && !stat(process.pid()).map(Stat::isDead).orElse(false);
    }

    /** SIGTERM, up to {@code wait} to exit, then SIGKILL and as long again. Returns whether the process is gone. */
    public static boolean stop(ProcessHandle process, Duration wait) {
        boolean child = process.parent().map(ProcessHandle::pid).orElse(-1L) == ProcessHandle.current().pid();
        if (isGone(process, child)) return true;
        process.destroy();
        if (awaitExit(process, child, wait)) return true;
        process.destroyForcibly();
        return awaitExit(process, child, wait);
    }

    /**
     * A child of this JVM is gone once the JVM has reaped it, which it does at once, so that no trace of it is left
     * when {@link #stop} returns; any other process once it is dead (see {@link #isAlive}).
     */
    private static boolean isGone(ProcessHandle process, boolean child) {
        return child ? !process.isAlive() : !isAlive(process);
    }

    private static boolean awaitExit(ProcessHandle process, boolean child, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!isGone(process, child) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return isGone(process, child);
    }

    /**
     * Whether the process has begun to exit or is already gone (exiting, a zombie, or no longer there). An exiting
     * process has released its memory before it becomes a zombie, so its command line already reads as empty: it
     * must count as gone rather than as a process whose command line cannot be read. Linux only.
     */
    public static boolean isExitingOrGone(ProcessHandle process) {
        if (!process.isAlive()) return true;
        return stat(process.pid()).map(stat -> stat.isDead() || stat.isExiting()).orElse(true);
    }

    /** The fields of /proc/PID/stat that tell how far a process is in its exit. */
    private record Stat(char state, long flags, long threads) {
        /** The kernel's PF_EXITING: set first thing in do_exit, before the memory and the files are released. */
        private static final long PF_EXITING = 0x4;

        /** A zombie with no thread left but itself: everything it held is released, only its exit status is not. */
        boolean isDead() {
            return (state == 'Z' || state == 'X' || state == 'x') && threads <= 1;
        }

        boolean isExiting() {
            return (flags & PF_EXITING) != 0;
        }
    }

    /**
     * Empty when the process is no longer there. After the parenthesised command name (which may hold blanks and
     * parentheses itself, hence the last ')') come the state (field 3 of proc(5)), the flags (field 9) and the
     * number of threads (field 20).
     */
    private static Optional<Stat> stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(new Stat(fields[0].charAt(0), Long.parseLong(fields[9 - 3]),
                    Long.parseLong(fields[20 - 3])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
