package dev.rekey.core;

/** Port: the guest (a spawned sandboxed agent, or a channel to a real VM's agent) behind each CVM instance. */
public interface GuestFleet {
    GuestMachine machine(Instance instance) throws EngineException;
}
