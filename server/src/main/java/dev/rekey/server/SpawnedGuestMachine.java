package dev.rekey.server;

import dev.rekey.core.EngineException;
import dev.rekey.core.GuestMachine;
import dev.rekey.core.Secret;
import dev.rekey.engines.guest.GuestPasswordSetter;
import dev.rekey.engines.guest.SandboxedGuest;

/**
 * A guest Rekey spawned: its power is the sandboxed agent process. A password set is verified by reading the
 * guest's shadow entry back from outside the sandbox: it must hold exactly the hash Rekey sent.
 */
final class SpawnedGuestMachine implements GuestMachine {
    static final String VERIFIED = "the shadow entry holds exactly the $6$ hash Rekey sent";

    private final SandboxedGuest guest;
    private final GuestPasswordSetter setter;

    SpawnedGuestMachine(SandboxedGuest guest, GuestPasswordSetter setter) {
        this.guest = guest;
        this.setter = setter;
    }

    @Override
    public boolean powerControlled() {
        return true;
    }

    @Override
    public boolean stop(boolean force) {
        return guest.stop(force);
    }

    @Override
    public void start() throws EngineException {
        guest.start();
    }

    @Override
    public String setPassword(String user, Secret password) throws EngineException {
        String hash = setter.setOnline(guest.socket(), user, password);
        setter.verifyShadow(guest, user, hash);
        return VERIFIED + " (set through the agent)";
    }

    @Override
    public String setPasswordOffline(String user, Secret password) throws EngineException {
        String hash = setter.setOffline(guest, user, password);
        setter.verifyShadow(guest, user, hash);
        return VERIFIED + " (written offline)";
    }

    /** At Rekey's stop: SIGTERM, then SIGKILL if the agent has not ended within the wait. */
    void shutDown() {
        if (!guest.stop(false)) guest.stop(true);
    }
}
