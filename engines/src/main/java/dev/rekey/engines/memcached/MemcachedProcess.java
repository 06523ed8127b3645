package dev.rekey.engines.memcached;

import dev.rekey.core.EngineException;
import dev.rekey.core.Secret;
import dev.rekey.engines.FreePort;
import dev.rekey.engines.Processes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/**
 * One memcached server with ASCII authentication, living in its own private directory: {@code auth} (the
 * {@code -Y} file, 0600), {@code memcached.pid} and {@code memcached.log}. It listens on 127.0.0.1 only, and is
 * stopped by its pid, never by name.
 */
public final class MemcachedProcess {
    private static final long STOP_WAIT_SECONDS = 5;

    private final Path dir;
    private final ProcessHandle handle;
    private final int port;
    private final String user;

    private MemcachedProcess(Path dir, ProcessHandle handle, int port, String user) {
        this.dir = dir;
        this.handle = handle;
        this.port = port;
        this.user = user;
    }

    /**
     * Creates {@code dir} (0700), writes its auth file with the one entry {@code user:initialPassword} and starts
     * memcached on {@code port} (0: any free port), returning once that login works (at most 10 s).
     */
    public static MemcachedProcess start(Path dir, int port, String user, Secret initialPassword)
            throws EngineException {
        AuthFile.checkStorable(user, initialPassword);
        MemcachedBinary.locate();
        createPrivateDir(dir);
        AuthEntry entry = new AuthEntry(user, initialPassword);
        new AuthFile(dir.resolve(MemcachedLauncher.AUTH_FILE)).write(List.of(entry));
        MemcachedLauncher.Launched launched = MemcachedLauncher.launch(dir, port, entry);
        return new MemcachedProcess(dir, launched.handle(), launched.port(), user);
    }

    /**
     * Starts memcached again on a directory made by {@link #start}, with its auth file as it is now, on {@code port}
     * if that is free and on any free port otherwise. The user is the one of the file's first entry.
     */
    public static MemcachedProcess resume(Path dir, int port) throws EngineException {
        List<AuthEntry> entries = new AuthFile(dir.resolve(MemcachedLauncher.AUTH_FILE)).read();
        if (entries.isEmpty()) {
            throw new EngineException("the memcached auth file in " + dir + " is empty: nobody could log in");
        }
        AuthEntry probe = entries.getFirst();
        int free = port != 0 && FreePort.isFree(port) ? port : 0;
        MemcachedLauncher.Launched launched = MemcachedLauncher.launch(dir, free, probe);
        return new MemcachedProcess(dir, launched.handle(), launched.port(), probe.user());
    }

    /** Takes over the memcached still running on {@code dir}: its pid file names a live memcached that answers. */
    public static MemcachedProcess adopt(Path dir) throws EngineException {
        RunningMemcached running = RunningMemcached.of(dir);
        List<AuthEntry> entries = new AuthFile(dir.resolve(MemcachedLauncher.AUTH_FILE)).read();
        if (entries.isEmpty()) {
            throw new EngineException("the memcached auth file in " + dir + " is empty: nobody could log in");
        }
        return new MemcachedProcess(dir, running.handle(), running.port(), entries.getFirst().user());
    }

    public String host() {
        return MemcachedLauncher.HOST;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return handle.pid();
    }

    public String user() {
        return user;
    }

    public Path dir() {
        return dir;
    }

    public Path authFile() {
        return dir.resolve(MemcachedLauncher.AUTH_FILE);
    }

    public boolean isAlive() {
        return Processes.isAlive(handle);
    }

    /** The password engine of this server's user. */
    public MemcachedPasswordEngine engine() {
        return engine(MemcachedTextClient.DEFAULT_TIMEOUT);
    }

    /** The engine of this process, each login bounded by {@code timeout}. */
    public MemcachedPasswordEngine engine(java.time.Duration timeout) {
        return new MemcachedPasswordEngine(authFile(), pid(), host(), port, user, timeout);
    }

    /** SIGTERM by pid, up to 5 s to exit, then SIGKILL. */
    public void stop() {
        Processes.stop(handle, Duration.ofSeconds(STOP_WAIT_SECONDS));
    }

    private static void createPrivateDir(Path dir) throws EngineException {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new EngineException("cannot create the private directory " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "MemcachedProcess[pid=" + pid() + ", " + host() + ":" + port + ", dir=" + dir + "]";
    }
}
