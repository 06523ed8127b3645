package dev.rekey.server;

import dev.rekey.core.EngineException;
import dev.rekey.core.GuestMachine;
import dev.rekey.core.Secret;
import dev.rekey.engines.guest.GuestAgentClient;
import dev.rekey.engines.guest.GuestPasswordSetter;
import dev.rekey.engines.guest.SandboxedGuest;
import dev.rekey.engines.guest.ShaCrypt;

import java.util.Optional;

/**
 * A guest Rekey spawned: its power is the sandboxed agent process. A password set is verified by reading the
 * guest's shadow entry back from outside the sandbox: it must hold exactly the hash Rekey sent.
 */
final class SpawnedGuestMachine implements GuestMachine {
    static final String VERIFIED = "the shadow entry holds exactly the $6$ hash Rekey sent";

    private final SandboxedGuest guest;
    private final GuestPasswordSetter setter = new GuestPasswordSetter();

    SpawnedGuestMachine(SandboxedGuest guest) {
        this.guest = guest;
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
    public String crypt(Secret password) {
        return ShaCrypt.sha512Crypt(password);
    }

    @Override
    public String setPassword(String user, String cryptHash) throws EngineException {
        try (var agent = GuestAgentClient.connect(guest.socket())) {
            agent.setUserPassword(user, cryptHash);
        }
        setter.verifyShadow(guest, user, cryptHash);
        return VERIFIED + " (set through the agent)";
    }

    @Override
    public String setPasswordOffline(String user, String cryptHash) throws EngineException {
        guest.writeShadowOffline(user, cryptHash);
        setter.verifyShadow(guest, user, cryptHash);
        return VERIFIED + " (written offline)";
    }

    @Override
    public Optional<Boolean> holds(String user, String cryptHash) {
        try {
            setter.verifyShadow(guest, user, cryptHash);
            return Optional.of(true);
        } catch (EngineException e) {
            return Optional.of(false);
        }
    }

    /** At Rekey's stop: SIGTERM, then SIGKILL if the agent has not ended within the wait. */
    void shutDown() {
        if (!guest.stop(false)) guest.stop(true);
    }
}
