package dev.rekey.engines.guest;

import dev.rekey.core.EngineException;
import dev.rekey.core.Secret;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What the CVM product calls to change a Linux guest's password. Rekey hashes the password itself ($6$) and hands
 * only the hash on: to a running guest's agent ({@code crypted: true}), or into a stopped spawned guest's shadow
 * file. "Verified" for a spawned guest means its shadow entry now holds exactly the hash that was sent.
 */
public final class GuestPasswordSetter {
    private final Duration timeout;

    public GuestPasswordSetter() {
        this(GuestAgentClient.DEFAULT_TIMEOUT);
    }

    /** {@code timeout} bounds every agent call (connect and guest-sync, then guest-set-user-password). */
    public GuestPasswordSetter(Duration timeout) {
        this.timeout = timeout;
    }

    /** Sets the password through the agent listening on {@code socket}; returns the hash it sent. */
    public String setOnline(Path socket, String user, Secret password) throws EngineException {
        String hash = ShaCrypt.sha512Crypt(password);
        try (GuestAgentClient client = GuestAgentClient.connect(socket, timeout)) {
            client.setUserPassword(user, hash);
        }
        return hash;
    }

    /** Writes the password's hash into a stopped spawned guest's shadow file; returns the hash it wrote. */
    public String setOffline(SandboxedGuest guest, String user, Secret password) throws EngineException {
        String hash = ShaCrypt.sha512Crypt(password);
        guest.writeShadowOffline(user, hash);
        return hash;
    }

    /** Fails unless {@code user}'s shadow entry in {@code guest} holds exactly {@code expectedHash}. */
    public void verifyShadow(SandboxedGuest guest, String user, String expectedHash) throws EngineException {
        Optional<ShadowEntry> entry = guest.shadowEntry(user);
        if (entry.isEmpty()) throw new EngineException("the guest has no user " + user);
        if (!entry.get().hash().equals(expectedHash)) {
            throw new EngineException("the shadow entry of " + user + " does not hold the hash Rekey sent");
        }
    }
}
