package dev.rekey.server;

import dev.rekey.core.EngineException;
import dev.rekey.core.GuestMachine;
import dev.rekey.core.Secret;
import dev.rekey.engines.guest.GuestPasswordSetter;

import java.nio.file.Path;

/**
 * A real VM's guest agent reached through its channel socket (as libvirt exposes it). Rekey has no hypervisor for
 * it: stop and start change only the modelled state, and a password is always set online through the agent, whose
 * success answer is the verification (agent-confirmed).
 */
final class ChannelGuestMachine implements GuestMachine {
    static final String VERIFIED = "agent-confirmed (guest-set-user-password answered success)";

    private final Path socket;
    private final GuestPasswordSetter setter;

    ChannelGuestMachine(Path socket, GuestPasswordSetter setter) {
        this.socket = socket;
        this.setter = setter;
    }

    @Override
    public boolean powerControlled() {
        return false;
    }

    @Override
    public boolean stop(boolean force) {
        throw new UnsupportedOperationException("a channel guest has no hypervisor here; its power is only modelled");
    }

    @Override
    public void start() {
        throw new UnsupportedOperationException("a channel guest has no hypervisor here; its power is only modelled");
    }

    @Override
    public String setPassword(String user, Secret password) throws EngineException {
        setter.setOnline(socket, user, password);
        return VERIFIED;
    }

    @Override
    public String setPasswordOffline(String user, Secret password) throws EngineException {
        return setPassword(user, password);
    }
}
