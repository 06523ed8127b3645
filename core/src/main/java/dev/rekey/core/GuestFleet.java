package dev.rekey.core;

import java.util.Optional;

/**
 * Port: the guest behind each CVM instance (a spawned sandboxed agent, or a channel to a real VM's agent), as this
 * node reaches it; empty when it belongs to another node.
 */
public interface GuestFleet {
    Optional<GuestMachine> local(Instance instance);
}
