package dev.rekey.core;

/**
 * One guest as the CVM use cases drive it. Passwords are set by hash (the adapter computes a $6$ crypt itself), and
 * each set returns how it was verified. Rekey never asks a guest to shut down, suspend or execute anything: power is
 * the process Rekey spawned, or, for a channel guest, only a modelled state.
 */
public interface GuestMachine {

    /** True for a guest Rekey spawned (it can stop and start it); false for a channel to a VM with no hypervisor here. */
    boolean powerControlled();

    /** Ends the guest: a polite signal, or (force) an immediate kill. Returns whether it ended within the wait. */
    boolean stop(boolean force);

    /** Starts a stopped guest and returns once its agent answers. */
    void start() throws EngineException;

    /** The crypt(3) hash ($6$, fresh salt) the guest will store for {@code password}: the plaintext never reaches it. */
    String crypt(Secret password);

    /** Sets {@code user}'s password hash through the running guest's agent; returns how the change was verified. */
    String setPassword(String user, String cryptHash) throws EngineException;

    /** Writes {@code user}'s password hash into the stopped guest's shadow file; returns how it was verified. */
    String setPasswordOffline(String user, String cryptHash) throws EngineException;

    /**
     * Whether the guest holds exactly {@code cryptHash} for {@code user}, read without changing anything; empty when
     * this guest cannot be read so (a channel guest: its files are reachable only through blocked commands).
     */
    java.util.Optional<Boolean> holds(String user, String cryptHash);
}
