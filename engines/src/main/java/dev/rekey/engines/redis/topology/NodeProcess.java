package dev.rekey.engines.redis.topology;

import dev.rekey.core.EngineException;
import dev.rekey.core.Secret;
import dev.rekey.engines.Processes;
import dev.rekey.engines.redis.RedisConnections;
import dev.rekey.engines.redis.RedisProcess;
import dev.rekey.engines.redis.deployment.Endpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * One redis-server of a topology, data node or Sentinel, running from its folder's config file: spawned and
 * awaited until the admin user gets PONG, adopted through its pid file, stopped by pid.
 */
final class NodeProcess {

    static final String HOST = "127.0.0.1";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final NodeFolder folder;
    private final int port;
    private ProcessHandle process;

    private NodeProcess(NodeFolder folder, int port, ProcessHandle process) {
        this.folder = folder;
        this.port = port;
        this.process = process;
    }

    /** Spawns the node and waits for the admin user's PONG; empty (process stopped) if its port was taken. */
    static Optional<NodeProcess> launch(NodeFolder folder, AdminPing ping) throws EngineException {
        Path binary = RedisProcess.serverBinary();
        try {
            int port = folder.recordedPort();
            long logOffset = folder.logSize();
            Process spawned = spawn(binary, folder);
            NodeProcess node = new NodeProcess(folder, port, spawned.toHandle());
            long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                pause(node);
                if (folder.logSince(logOffset).contains("Address already in use")) {
                    node.stop();
                    return Optional.empty();
                }
                if (!spawned.isAlive()) {
                    throw new EngineException(folder.describe() + " exited with code " + spawned.exitValue()
                            + " before answering PING; last lines:\n" + folder.tail(20));
                }
                if (ping.answers(node.endpoint())) return Optional.of(node);
            }
            node.stop();
            throw new EngineException(folder.describe() + " did not answer PING for the admin user within "
                    + READY_TIMEOUT.toSeconds() + " s; last lines:\n" + folder.tail(20));
        } catch (IOException e) {
            throw new EngineException("cannot start " + folder.describe() + ": " + e.getMessage(), e);
        }
    }

    /** The node still running from its folder: a live redis-server named by the pid file that answers PING. */
    static Optional<NodeProcess> adopt(NodeFolder folder, AdminPing ping) {
        Optional<ProcessHandle> running = folder.recordedPid().flatMap(ProcessHandle::of)
                .filter(Processes::isAlive)
                .filter(NodeProcess::isRedisServer);
        if (running.isEmpty()) return Optional.empty();
        try {
            NodeProcess node = new NodeProcess(folder, folder.recordedPort(), running.get());
            return ping.answers(node.endpoint()) ? Optional.of(node) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether a pid is a redis-server, so a reused pid is never taken for a node. Redis overwrites its command line
     * with a title, and Debian's redis-server is a link, so the executable's real path is compared too.
     */
    private static boolean isRedisServer(ProcessHandle handle) {
        ProcessHandle.Info info = handle.info();
        if (info.commandLine().map(line -> line.contains("redis-server")).orElse(false)) return true;
        try {
            Path binary = RedisProcess.serverBinary().toRealPath();
            return info.command().map(command -> Path.of(command).equals(binary)).orElse(false);
        } catch (IOException | EngineException e) {
            return false;
        }
    }

    Endpoint endpoint() {
        return new Endpoint(HOST, port);
    }

    long pid() {
        return process.pid();
    }

    NodeFolder folder() {
        return folder;
    }

    boolean isAlive() {
        return Processes.isAlive(process);
    }

    /** SIGTERM by pid, up to 5 s, then SIGKILL. */
    boolean stop() {
        return Processes.stop(process, STOP_TIMEOUT);
    }

    /** SIGKILL by pid, as a crash would: nothing is saved. */
    void kill() {
        process.destroyForcibly();
        process.onExit().join();
    }

    private static Process spawn(Path binary, NodeFolder folder) throws IOException {
        List<String> command = folder.sentinel()
                ? List.of(binary.toString(), folder.conf().toString(), "--sentinel")
                : List.of(binary.toString(), folder.conf().toString());
        Process process = new ProcessBuilder(command)
                .directory(folder.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.out().toFile()))
                .start();
        process.getOutputStream().close();
        return process;
    }

    private static void pause(NodeProcess node) throws EngineException {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            node.stop();
            throw new EngineException("interrupted while waiting for " + node.folder.describe());
        }
    }

    /** A PING as the admin user, answered PONG or not. */
    record AdminPing(String user, Secret password) {
        boolean answers(Endpoint endpoint) {
            try (Jedis jedis = new Jedis(new HostAndPort(HOST, endpoint.port()), RedisConnections.connectionConfig()
                    .user(user).password(password.reveal()).build())) {
                return "PONG".equals(jedis.ping());
            } catch (JedisException e) {
                return false;
            }
        }
    }
}
