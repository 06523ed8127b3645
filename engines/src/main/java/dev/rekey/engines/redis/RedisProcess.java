package dev.rekey.engines.redis;

import dev.rekey.engines.Processes;
import dev.rekey.core.EngineException;
import dev.rekey.core.Secret;
import dev.rekey.engines.FreePort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A redis-server that Rekey owns, living in its own private folder (see {@link #start}). The folder is the state:
 * {@link #resume} starts the server again with the passwords it had, and {@link #adopt} takes over a server that is
 * still running after the Rekey node that spawned it was killed.
 */
public final class RedisProcess {

    static final String HOST = "127.0.0.1";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final int PORT_ATTEMPTS = 5;
    private static final int LOG_TAIL_LINES = 20;

    private final RedisDir dir;
    private final int port;
    private final ProcessHandle process;
    private final Admin admin;

    /** Who administers the server and whose password Rekey changes; names are checked once, here. */
    private record Admin(String user, Secret password, String account) {
        Admin {
            RedisDir.requireUserName("adminUser", user);
            RedisDir.requireUserName("account", account);
            Objects.requireNonNull(password, "adminPassword");
            if (user.equals(account) || user.equals("default")) {
                throw new IllegalArgumentException("adminUser must be a user of its own, not 'default' nor the account");
            }
        }
    }

    private enum Readiness { READY, PORT_TAKEN, ADMIN_REFUSED, EXITED, TIMED_OUT }

    private RedisProcess(RedisDir dir, int port, ProcessHandle process, Admin admin) {
        this.dir = dir;
        this.port = port;
        this.process = process;
        this.admin = admin;
    }

    /**
     * Creates {@code dir} (0700) with redis.conf and users.acl, then spawns redis-server and waits until the admin
     * user gets PONG. {@code port} 0 picks a free loopback port (and picks again if it is taken meanwhile).
     * Refuses a folder that already holds users.acl: that one belongs to {@link #resume}.
     */
    public static RedisProcess start(Path dir, int port, String adminUser, Secret adminPassword, String account,
                                     Secret initialPassword) throws EngineException {
        Admin admin = new Admin(adminUser, adminPassword, account);
        Objects.requireNonNull(initialPassword, "initialPassword");
        Path binary = RedisServerBinary.require();
        RedisDir files = new RedisDir(dir);
        if (Files.exists(files.users())) {
            throw new EngineException(files.users() + " already exists; resume() keeps its passwords, start() would "
                    + "overwrite them");
        }
        try {
            files.createPrivate();
            files.writeUsers(adminUser, adminPassword, account, initialPassword);
            files.writeConfig(port == 0 ? FreePort.pick() : port);
        } catch (IOException e) {
            throw new EngineException("cannot prepare the Redis folder " + files.root() + ": " + e.getMessage(), e);
        }
        return launch(binary, files, port == 0, admin);
    }

    /**
     * Starts redis-server again from a folder made by {@link #start}, keeping users.acl as it is, so a changed and
     * persisted password survives. If the recorded port is taken, a free one is picked and written to redis.conf.
     */
    public static RedisProcess resume(Path dir, String adminUser, Secret adminPassword, String account)
            throws EngineException {
        Admin admin = new Admin(adminUser, adminPassword, account);
        Path binary = RedisServerBinary.require();
        RedisDir files = new RedisDir(dir);
        if (!Files.exists(files.users()) || !Files.exists(files.conf())) {
            throw new EngineException(files.root() + " holds no redis.conf and users.acl to resume from");
        }
        try {
            if (!FreePort.isFree(files.recordedPort())) files.rewritePort(FreePort.pick());
        } catch (IOException e) {
            throw new EngineException("cannot read the port of " + files.conf() + ": " + e.getMessage(), e);
        }
        return launch(binary, files, true, admin);
    }

    /**
     * The redis-server still running from {@code dir}, if redis.pid names a live redis-server process whose
     * recorded port answers PING for the admin user; empty otherwise (then {@link #resume} it).
     */
    public static Optional<RedisProcess> adopt(Path dir, String adminUser, Secret adminPassword, String account) {
        Admin admin = new Admin(adminUser, adminPassword, account);
        RedisDir files = new RedisDir(dir);
        Optional<ProcessHandle> running = files.recordedPid()
                .flatMap(ProcessHandle::of)
                .filter(Processes::isAlive)
                .filter(RedisProcess::isRedisServer);
        if (running.isEmpty()) return Optional.empty();
        try {
            RedisProcess adopted = new RedisProcess(files, files.recordedPort(), running.get(), admin);
            adopted.engine().ping();
            return Optional.of(adopted);
        } catch (IOException | EngineException e) {
            return Optional.empty();
        }
    }

    /** The redis-server executable this machine would use; a missing one is reported naming the Debian package. */
    public static Path serverBinary() throws EngineException {
        return RedisServerBinary.require();
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Path dir() {
        return dir.root();
    }

    public boolean isAlive() {
        return Processes.isAlive(process);
    }

    /** A fresh engine for the account, administered by the admin user. */
    public RedisPasswordEngine engine() {
        return new RedisPasswordEngine(HOST, port, admin.user(), admin.password(), admin.account());
    }

    /** SIGTERM by pid, up to 5 s to exit, then SIGKILL. Returns whether the process is gone. */
    public boolean stop() {
        return Processes.stop(process, STOP_TIMEOUT);
    }

    @Override
    public String toString() {
        return "RedisProcess[pid=" + pid() + ", " + HOST + ":" + port + ", dir=" + dir.root() + "]";
    }

    private static RedisProcess launch(Path binary, RedisDir files, boolean mayMovePort, Admin admin)
            throws EngineException {
        for (int attempt = 1; ; attempt++) {
            try {
                int port = files.recordedPort();
                long logOffset = files.logSize();
                Process process = spawn(binary, files);
                RedisProcess candidate = new RedisProcess(files, port, process.toHandle(), admin);
                Readiness readiness = candidate.awaitReady(process, logOffset);
                if (readiness == Readiness.READY) return candidate;
                candidate.stop();
                if (readiness == Readiness.PORT_TAKEN && mayMovePort && attempt < PORT_ATTEMPTS) {
                    files.rewritePort(FreePort.pick());
                    continue;
                }
                throw new EngineException("redis-server in " + files.root() + " on port " + port + " "
                        + describe(readiness, process) + "; last lines:\n" + files.tail(LOG_TAIL_LINES));
            } catch (IOException e) {
                throw new EngineException("cannot start redis-server in " + files.root() + ": " + e.getMessage(), e);
            }
        }
    }

    private static Process spawn(Path binary, RedisDir files) throws IOException {
        Process process = new ProcessBuilder(binary.toString(), files.conf().toString())
                .directory(files.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(files.out().toFile()))
                .start();
        process.getOutputStream().close();
        return process;
    }

    private Readiness awaitReady(Process spawned, long logOffset) throws EngineException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        RedisPasswordEngine engine = engine();
        while (System.nanoTime() < deadline) {
            // pause first: pinging a port that someone else holds would block for the whole read timeout
            pause();
            if (dir.logSince(logOffset).contains("Address already in use")) return Readiness.PORT_TAKEN;
            if (!spawned.isAlive()) return Readiness.EXITED;
            try {
                engine.ping();
                if (spawned.isAlive()) return Readiness.READY;
            } catch (EngineException notYet) {
                // a wrong admin password will not get better by waiting
                if (notYet.getMessage().contains("WRONGPASS")) return Readiness.ADMIN_REFUSED;
            }
        }
        return Readiness.TIMED_OUT;
    }

    private void pause() throws EngineException {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new EngineException("interrupted while waiting for redis-server in " + dir.root());
        }
    }

    private static String describe(Readiness readiness, Process process) {
        return switch (readiness) {
            case READY -> "is ready";
            case PORT_TAKEN -> "could not bind its port (address already in use)";
            case ADMIN_REFUSED -> "refused the admin user's password (WRONGPASS); users.acl holds another one";
            case EXITED -> "exited with code " + process.exitValue() + " before answering PING";
            case TIMED_OUT -> "did not answer PING for the admin user within " + READY_TIMEOUT.toSeconds() + " s";
        };
    }

    private static boolean isRedisServer(ProcessHandle handle) {
        ProcessHandle.Info info = handle.info();
        if (info.commandLine().map(line -> line.contains("redis-server")).orElse(false)) return true;
        try {
            Path binary = RedisServerBinary.require().toRealPath();
            return info.command().map(command -> Path.of(command).equals(binary)).orElse(false);
        } catch (IOException | EngineException e) {
            return false;
        }
    }
}
