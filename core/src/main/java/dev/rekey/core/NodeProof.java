package dev.rekey.core;

import java.util.Objects;

/** One node's answer to fresh logins: {@code address} is {@code host:port}. */
public record NodeProof(String address, NodeRole role, Login next, Login old) {

    public NodeProof {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(old, "old");
    }
}
