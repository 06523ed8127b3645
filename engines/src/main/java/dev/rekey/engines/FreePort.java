package dev.rekey.engines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Loopback ports for engines that Rekey spawns itself. A port picked here can be taken by someone else before the
 * engine binds it, so callers must still watch for "address already in use" and pick again.
 */
public final class FreePort {

    private FreePort() {
    }

    /** A loopback port that was free a moment ago. */
    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port could be bound", e);
        }
    }

    /**
     * Whether an engine could bind {@code port} on the loopback address now. Redis and memcached both set
     * SO_REUSEADDR, so a port still in TIME_WAIT counts as free, as it does for them.
     */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
