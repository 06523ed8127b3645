package dev.rekey.engines.guest;

import dev.rekey.core.EngineException;
import dev.rekey.core.EngineState;
import dev.rekey.core.Login;
import dev.rekey.core.NodeProof;
import dev.rekey.core.NodeRole;
import dev.rekey.core.PasswordEngine;
import dev.rekey.core.RotationProof;
import dev.rekey.core.Secret;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The password of one user of a spawned guest as a {@link PasswordEngine}. Its fingerprint is the user's shadow
 * entry (a salted {@code $6$} hash, compared with a password by SHA-crypt): read from outside the sandbox, so a
 * frozen agent cannot hide it. A change goes through the running agent as a hash ({@code crypted: true}) and is
 * verified by reading the shadow entry back. A Linux account holds one password, so it has no overlap window and no
 * password-free access.
 */
public final class GuestPasswordEngine implements PasswordEngine {
    /** A shadow entry's hash matches a password when SHA-crypt of the password with its salt gives it back. */
    public static final EngineState.Matcher SHADOW = (hash, candidate) ->
            (hash.startsWith("$6$") || hash.startsWith("$5$")) && ShaCrypt.matches(candidate, hash);

    private final SandboxedGuest guest;
    private final String user;
    private final Duration timeout;

    public GuestPasswordEngine(SandboxedGuest guest, String user, Duration timeout) {
        this.guest = guest;
        this.user = user;
        this.timeout = timeout;
    }

    @Override
    public EngineState read() throws EngineException {
        String hash = currentHash();
        return new EngineState(Set.of(hash), false, Secret.of(hash), SHADOW);
    }

    @Override
    public void replace(Secret next) throws EngineException {
        set(ShaCrypt.sha512Crypt(next));
    }

    @Override
    public void makePasswordFree() throws EngineException {
        throw new EngineException("a guest account always requires a password");
    }

    @Override
    public void restore(EngineState previous) throws EngineException {
        if (previous.restoreData() == null) throw new EngineException("no previous shadow entry to restore");
        set(previous.restoreData().reveal());
    }

    /** The shadow file is the guest's own disk: what is set is already what a restart reads. */
    @Override
    public void persist() {
    }

    /**
     * The guest must answer (a login needs a running guest: its agent completes a guest-sync), and its shadow entry
     * must hold {@code expected} and not {@code rejected}.
     */
    @Override
    public void verify(Secret expected, Secret rejected) throws EngineException {
        if (expected == null) throw new EngineException("a guest account is never password-free");
        try (var agent = GuestAgentClient.connect(guest.socket(), timeout)) {
            agent.ping();
        }
        String hash = currentHash();
        if (!SHADOW.matches(hash, expected)) {
            throw new EngineException("the shadow entry of " + user + " does not hold the expected password");
        }
        if (rejected != null && SHADOW.matches(hash, rejected)) {
            throw new EngineException("the shadow entry of " + user + " still holds the password it should not");
        }
    }

    @Override
    public void addPassword(Secret next) throws EngineException {
        throw new EngineException("a guest account holds one password: it has no overlap window");
    }

    @Override
    public void removeOtherPasswords(Secret keep) throws EngineException {
        verify(keep, null);
    }

    @Override
    public void requireLinksUp() {
    }

    @Override
    public RotationProof prove(Secret next, Secret old) throws EngineException {
        String hash = currentHash();
        return new RotationProof(Instant.now(), List.of(new NodeProof("guest user " + user, NodeRole.NODE,
                login(hash, next), login(hash, old))));
    }

    private static Login login(String hash, Secret candidate) {
        if (candidate == null) return Login.NOT_CHECKED;
        return SHADOW.matches(hash, candidate) ? Login.ACCEPTED : Login.REFUSED;
    }

    private void set(String cryptHash) throws EngineException {
        try (var agent = GuestAgentClient.connect(guest.socket(), timeout)) {
            agent.setUserPassword(user, cryptHash);
        }
        if (!currentHash().equals(cryptHash)) {
            throw new EngineException("the shadow entry of " + user + " does not hold the hash Rekey sent");
        }
    }

    private String currentHash() throws EngineException {
        Optional<ShadowEntry> entry = guest.shadowEntry(user);
        if (entry.isEmpty()) throw new EngineException("the guest has no user " + user);
        return entry.get().hash();
    }
}
