package dev.rekey.engines.guest;

import dev.rekey.core.EngineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A Linux guest Rekey spawns and owns: the real qemu-ga in a private mount namespace whose /etc is a bind-mounted
 * copy kept in the guest's directory ({@code <dir>/etc-copy}), so the agent's {@code chpasswd} changes only that copy
 * and the host's /etc is never touched. The copy hard-links a snapshot of /etc shared by the guests with the same
 * parent directory ({@code <parent>/.etc-template}, made on first use); the account files are its own. Every RPC
 * that could act on the host is blocklisted. The agent's process id is the process Rekey started ({@code unshare}
 * and bash both exec), so stopping is a signal to that pid. If Rekey dies, its agents keep running (orphaned).
 */
public final class SandboxedGuest {
    private static final Logger LOG = LoggerFactory.getLogger(SandboxedGuest.class);
    /** How long a start may take until guest-sync answers, and how long a stop waits for the process to end. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration STOP_WAIT = Duration.ofSeconds(10);

    /**
     * Names Debian's useradd accepts, uppercase included (created with --badname): a guest that backs a Windows
     * instance has the user Administrator.
     */
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,31}");

    private final GuestDirectory files;
    private Process process;

    private SandboxedGuest(GuestDirectory files) {
        this.files = files;
    }

    /**
     * Prepares {@code dir} (0700; the /etc copy only if none is there yet, so a guest keeps its state across Rekey
     * restarts), creates each missing user, applies {@code initialHashes} (user → crypt hash) only when the copy is
     * fresh, and starts the agent. Returns once guest-sync answers; fails after {@link #START_TIMEOUT}.
     */
    public static SandboxedGuest start(Path dir, List<String> users, Map<String, String> initialHashes)
            throws EngineException {
        validate(users, initialHashes);
        SandboxedGuest guest = new SandboxedGuest(new GuestDirectory(dir));
        try {
            guest.files.prepare(users, initialHashes);
        } catch (IOException e) {
            LOG.warn("cannot prepare the guest directory {}: {}", guest.files.dir, e.getMessage());
            throw new EngineException("cannot prepare the guest's directory (" + GuestFailures.reason(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while preparing the guest's directory");
        }
        guest.start();
        return guest;
    }

    /** Starts the agent again after a stop, on the same directory and /etc copy. Does nothing while it runs. */
    public synchronized void start() throws EngineException {
        if (isRunning()) return;
        try {
            stopOrphan();
            Files.deleteIfExists(files.socket()); // a killed agent leaves its socket file behind
            files.writeScript();
            // bash reads the script rather than exec'ing it: exec of a file just written fails with "Text file busy"
            // while another thread's fork still holds the writer's descriptor (seen with 100 parallel starts)
            ProcessBuilder builder = Exec.builder(List.of("unshare", "--mount", "--propagation", "private",
                    "/bin/bash", files.script().toString(), files.dir.toString(), hostMountNamespace()));
            process = builder.redirectOutput(ProcessBuilder.Redirect.appendTo(files.sandboxLog().toFile())).start();
            Files.writeString(pidFile(), Long.toString(process.pid()) + "\n");
        } catch (IOException e) {
            LOG.warn("cannot start the guest agent in {}: {}", files.dir, e.getMessage());
            throw new EngineException("cannot start the guest agent (" + GuestFailures.reason(e) + ")", e);
        }
        awaitReady();
    }

    public Path dir() {
        return files.dir;
    }

    private Path pidFile() {
        return files.dir.resolve("qga.pid");
    }

    /**
     * An agent left running by a Rekey that was killed (not our child, so only its pid file knows it) is stopped before
     * a new one starts on the same directory: the guest's state is its /etc copy, which the new agent keeps using.
     * The pid is trusted only if that process's command line names this guest's directory.
     */
    private void stopOrphan() throws IOException {
        if (!Files.exists(pidFile())) return;
        String dir = files.dir.toString();
        ProcessHandle.of(Long.parseLong(Files.readString(pidFile()).trim()))
                .filter(p -> p.info().commandLine().map(line -> line.contains(dir)).orElse(false))
                .ifPresent(p -> dev.rekey.engines.Processes.stop(p, STOP_WAIT));
    }

    public Path socket() {
        return files.socket();
    }

    /** The agent's process id. */
    public synchronized long pid() {
        if (process == null) throw new IllegalStateException("the guest agent in " + files.dir + " is not running");
        return process.pid();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Signals the agent's pid, SIGTERM or (force) SIGKILL, and waits up to {@link #STOP_WAIT} for it to end.
     * Returns whether it ended; a caller wanting "SIGTERM, then SIGKILL" calls {@code stop(false) || stop(true)}.
     */
    public synchronized boolean stop(boolean force) {
        if (process == null) return true;
        if (force) process.destroyForcibly();
        else process.destroy();
        try {
            if (!process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        process = null;
        try {
            Files.deleteIfExists(files.socket());
        } catch (IOException ignored) {
            // a stale socket file is removed again by the next start
        }
        return true;
    }

    /** The user's line in the guest's shadow file as it is now, read from outside the sandbox. */
    public Optional<ShadowEntry> shadowEntry(String user) throws EngineException {
        try {
            return ShadowFile.find(files.shadow(), user);
        } catch (IOException e) {
            throw new EngineException("cannot read the guest's shadow file (" + GuestFailures.reason(e) + ")", e);
        }
    }

    /**
     * Replaces {@code user}'s hash in the stopped guest's shadow file, as an offline image tool would: temporary
     * file and rename, every other field and line unchanged. Refused while the agent runs (chpasswd could be
     * writing the same file).
     */
    public synchronized void writeShadowOffline(String user, String cryptHash) throws EngineException {
        if (!ShaCrypt.isCryptHash(cryptHash)) {
            throw new IllegalArgumentException("cryptHash must be a crypt(3) hash ($id$salt$hash)");
        }
        if (isRunning()) {
            throw new EngineException("the guest is running; its shadow file is written offline only");
        }
        int changed;
        try {
            changed = ShadowFile.rewriteHashes(files.shadow(), e -> e.user().equals(user) ? cryptHash : null);
        } catch (IOException e) {
            throw new EngineException("cannot write the guest's shadow file (" + GuestFailures.reason(e) + ")", e);
        }
        if (changed == 0) throw new EngineException("the guest has no user " + user);
    }

    private void awaitReady() throws EngineException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        EngineException lastRefusal = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                int status = process.exitValue();
                process = null;
                String tail = files.sandboxLogTail();
                LOG.warn("the guest sandbox in {} exited with status {} before its agent answered: {}", files.dir, status, tail);
                // the sandbox's own words help, but the host's paths stay in the server log
                String hostless = tail.replace(files.dir.toString(), "<guest>").replace(files.dir.getParent().toString(), "<engines>");
                throw new EngineException("the guest exited with status " + status + " before its agent answered: " + hostless);
            }
            if (Files.exists(files.socket())) {
                long leftMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                try (GuestAgentClient ignored = GuestAgentClient.connect(files.socket(),
                        Duration.ofMillis(Math.min(1000, leftMillis)))) {
                    return;
                } catch (EngineException e) {
                    lastRefusal = e;
                }
            }
            if (!pause()) break;
        }
        stop(true);
        throw new EngineException("the guest agent did not answer guest-sync within " + START_TIMEOUT.toSeconds() + " s"
                + (lastRefusal == null ? "" : " (" + lastRefusal.getMessage() + ")"));
    }

    private static boolean pause() {
        try {
            Thread.sleep(5);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String hostMountNamespace() throws IOException {
        return Files.readSymbolicLink(Path.of("/proc/self/ns/mnt")).toString();
    }

    private static void validate(List<String> users, Map<String, String> initialHashes) {
        List<String> invalid = new ArrayList<>();
        for (String user : users) if (!USER_NAME.matcher(user).matches()) invalid.add(user);
        if (!invalid.isEmpty()) throw new IllegalArgumentException("invalid user names: " + invalid);
        for (Map.Entry<String, String> entry : initialHashes.entrySet()) {
            if (!users.contains(entry.getKey())) {
                throw new IllegalArgumentException("initial hash for " + entry.getKey() + ", who is not in users");
            }
            if (!ShaCrypt.isCryptHash(entry.getValue())) {
                throw new IllegalArgumentException("initial hash of " + entry.getKey() + " is not a crypt(3) hash");
            }
        }
    }
}
