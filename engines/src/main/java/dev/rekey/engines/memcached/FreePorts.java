package dev.rekey.engines.memcached;

import dev.rekey.core.EngineException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback ports for throwaway memcached instances. A picked port can still be taken before memcached binds it. */
final class FreePorts {

    private FreePorts() {
    }

    static int pick() throws EngineException {
        try (ServerSocket socket = new ServerSocket(0, 0, loopback())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new EngineException("no free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    /** Whether memcached could bind it now (both set SO_REUSEADDR, so a port in TIME_WAIT counts as free). */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(loopback(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static InetAddress loopback() throws IOException {
        return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
    }
}
