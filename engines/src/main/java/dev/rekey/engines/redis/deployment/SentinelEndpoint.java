package dev.rekey.engines.redis.deployment;

import java.util.Objects;

/** A Sentinel and the name under which it monitors the deployment's primary. */
public record SentinelEndpoint(Endpoint endpoint, String masterName) {

    public SentinelEndpoint {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(masterName, "masterName");
        if (!masterName.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("masterName must be 1-64 letters, digits, '.', '_' or '-'");
        }
    }

    public SentinelEndpoint(String host, int port, String masterName) {
        this(new Endpoint(host, port), masterName);
    }

    @Override
    public String toString() {
        return "Sentinel " + endpoint + " (" + masterName + ")";
    }
}
