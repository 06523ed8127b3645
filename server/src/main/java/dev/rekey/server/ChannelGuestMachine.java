package dev.rekey.server;

import dev.rekey.core.EngineException;
import dev.rekey.core.GuestMachine;
import dev.rekey.core.Secret;
import dev.rekey.engines.guest.GuestAgentClient;
import dev.rekey.engines.guest.ShaCrypt;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A real VM's guest agent reached through its channel socket (as libvirt exposes it). Rekey has no hypervisor for
 * it: stop and start change only the modelled state, and a password is always set online through the agent, whose
 * success answer is the verification (agent-confirmed).
 */
final class ChannelGuestMachine implements GuestMachine {
    static final String VERIFIED = "agent-confirmed (guest-set-user-password answered success)";

    private final Path socket;

    ChannelGuestMachine(Path socket) {
        this.socket = socket;
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
    public String crypt(Secret password) {
        return ShaCrypt.sha512Crypt(password);
    }

    @Override
    public String setPassword(String user, String cryptHash) throws EngineException {
        try (var agent = GuestAgentClient.connect(socket)) {
            agent.setUserPassword(user, cryptHash);
        }
        return VERIFIED;
    }

    @Override
    public String setPasswordOffline(String user, String cryptHash) throws EngineException {
        return setPassword(user, cryptHash);
    }

    /** The agent can set a password but not read one back (the file commands are blocked): unknown. */
    @Override
    public Optional<Boolean> holds(String user, String cryptHash) {
        return Optional.empty();
    }
}
