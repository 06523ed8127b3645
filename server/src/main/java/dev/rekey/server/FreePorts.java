package dev.rekey.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A free loopback port, for engines this node spawns. */
final class FreePorts {
    private FreePorts() {
    }

    static int pick() throws IOException {
        try (var s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
