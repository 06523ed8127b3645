package dev.rekey.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP relay between a node and an engine (Redis speaks plain RESP), for tests that must act at an exact step of an
 * operation without any hook in Rekey: {@link #onceBefore} runs an action the moment a client sends a command, before
 * the engine receives it (freeze the engine, kill or pause the node), and {@link #chunksFromClients} tells whether a
 * client sent anything more afterwards.
 */
public final class EngineRelay implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicLong chunks = new AtomicLong();
    private final AtomicReference<Trigger> trigger = new AtomicReference<>();
    private final List<Socket> sockets = new ArrayList<>();

    private record Trigger(String marker, Runnable action) {
    }

    private EngineRelay(ServerSocket listener, int targetPort) {
        this.listener = listener;
        this.targetPort = targetPort;
    }

    public static EngineRelay start(int targetPort) throws IOException {
        var relay = new EngineRelay(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), targetPort);
        Thread.ofVirtual().name("engine-relay").start(relay::accept);
        return relay;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /**
     * The next time a client sends bytes containing {@code marker} (e.g. {@code SETUSER}), {@code action} runs first;
     * the bytes go on to the engine once it returns. Fires once.
     */
    public void onceBefore(String marker, Runnable action) {
        trigger.set(new Trigger(marker, action));
    }

    /** How many reads from clients were passed on to the engine so far. */
    public long chunksFromClients() {
        return chunks.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket engine = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                synchronized (this) {
                    sockets.add(client);
                    sockets.add(engine);
                }
                Thread.ofVirtual().start(() -> pump(client, engine, true));
                Thread.ofVirtual().start(() -> pump(engine, client, false));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (fromClient) beforeForwarding(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed: close the other so neither hangs
        } finally {
            closeQuietly(to);
            closeQuietly(from);
        }
    }

    private void beforeForwarding(String chunk) {
        chunks.incrementAndGet();
        Trigger armed = trigger.get();
        if (armed != null && chunk.contains(armed.marker()) && trigger.compareAndSet(armed, null)) armed.action().run();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public synchronized void close() throws IOException {
        listener.close();
        sockets.forEach(EngineRelay::closeQuietly);
    }
}
