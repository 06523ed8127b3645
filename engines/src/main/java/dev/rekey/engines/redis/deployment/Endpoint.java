package dev.rekey.engines.redis.deployment;

import java.util.Objects;
import redis.clients.jedis.HostAndPort;

/** A Redis node's address. Its text form {@code host:port} is how failures and proofs name the node. */
public record Endpoint(String host, int port) {

    public Endpoint {
        Objects.requireNonNull(host, "host");
        if (host.isBlank() || host.contains(" ")) throw new IllegalArgumentException("host must be a name or address");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port must be 1-65535, got " + port);
    }

    HostAndPort hostAndPort() {
        return new HostAndPort(host, port);
    }

    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
