package dev.rekey.engines.memcached;

import dev.rekey.core.EngineException;
import dev.rekey.core.EngineState;
import dev.rekey.core.Secret;
import dev.rekey.core.NodeProof;
import dev.rekey.core.NodeRole;
import dev.rekey.core.PasswordEngine;
import dev.rekey.core.RotationProof;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The password of one user of a memcached started with {@code -Y}. A change writes the auth file anew (temp file and
 * rename) and sends SIGHUP; memcached only re-reads the file on its next one-second tick and reports nothing, so
 * every change ends by polling with fresh logins until the new file is in force.
 */
public final class MemcachedPasswordEngine implements PasswordEngine {
    /** How long a change waits for memcached to take the new auth file (it re-reads it on a one-second tick). */
    static final long RELOAD_TIMEOUT_MILLIS = 3_000;

    private final AuthFile authFile;
    private final long pid;
    private final String user;
    private final MemcachedLogins logins;
    private final String address;

    public MemcachedPasswordEngine(Path authFile, long pid, String host, int port, String user) {
        this(authFile, pid, host, port, user, MemcachedTextClient.DEFAULT_TIMEOUT);
    }

    /** {@code timeout} bounds every login a verification makes. */
    public MemcachedPasswordEngine(Path authFile, long pid, String host, int port, String user, Duration timeout) {
        this.authFile = new AuthFile(authFile);
        this.pid = pid;
        this.user = user;
        this.logins = new MemcachedLogins(host, port, timeout);
        this.address = host + ":" + port;
    }

    /** {@code host:port}, how failures and proofs name this node. */
    public String address() {
        return address;
    }

    @Override
    public EngineState read() throws EngineException {
        byte[] content = authFile.readBytes();
        Set<String> fingerprints = AuthFile.parse(content).stream()
                .filter(entry -> entry.user().equals(user))
                .map(entry -> entry.password().sha256Hex())
                .collect(Collectors.toSet());
        return new EngineState(fingerprints, false, Secret.of(new String(content, StandardCharsets.UTF_8)));
    }

    /** The user's lines become the one line {@code user:next}; other users' entries stay. */
    @Override
    public void replace(Secret next) throws EngineException {
        AuthFile.checkStorable(user, next);
        List<AuthEntry> before = authFile.read();
        List<AuthEntry> after = new ArrayList<>();
        after.add(new AuthEntry(user, next));
        before.stream().filter(entry -> !entry.user().equals(user)).forEach(after::add);
        install(before, after.subList(0, Math.min(after.size(), AuthFile.MAX_ENTRIES)), after.getFirst());
    }

    @Override
    public void makePasswordFree() throws EngineException {
        throw new EngineException("memcached instances always require a password");
    }

    /** Writes back the entries of a file read earlier; memcached would ignore anything past them anyway. */
    @Override
    public void restore(EngineState previous) throws EngineException {
        if (previous.restoreData() == null) {
            throw new EngineException("this state holds no memcached auth file to restore");
        }
        List<AuthEntry> entries = AuthFile.parse(previous.restoreData().reveal().getBytes(StandardCharsets.UTF_8));
        if (entries.isEmpty()) {
            throw new EngineException("refusing to restore an empty memcached auth file: nobody could log in");
        }
        AuthEntry probe = entries.stream().filter(entry -> entry.user().equals(user)).findFirst()
                .orElse(entries.getFirst());
        install(entriesNowOrNone(), entries, probe);
    }

    /** Nothing to do: the auth file is memcached's persistent state, and every write is already fsynced. */
    @Override
    public void persist() {
    }

    @Override
    public void verify(Secret expected, Secret rejected) throws EngineException {
        if (expected == null) {
            throw new EngineException("memcached instances always require a password; password-free access"
                    + " cannot be verified");
        }
        logins.requireAcceptedWithReadWrite(user, expected);
        if (rejected != null) logins.requireRefused(user, rejected);
    }

    /**
     * Adds the line {@code user:next} before the others: memcached accepts every line of a user, so the old password
     * keeps working until {@link #removeOtherPasswords}. The file holds at most eight lines.
     */
    @Override
    public void addPassword(Secret next) throws EngineException {
        AuthFile.checkStorable(user, next);
        List<AuthEntry> before = authFile.read();
        AuthEntry added = new AuthEntry(user, next);
        if (before.contains(added)) return;
        List<AuthEntry> after = new ArrayList<>();
        after.add(added);
        after.addAll(before);
        if (after.size() > AuthFile.MAX_ENTRIES) {
            throw new EngineException("memcached at " + address + " reads only " + AuthFile.MAX_ENTRIES
                    + " auth lines; its file has " + before.size() + " already");
        }
        install(before, after, added);
    }

    @Override
    public void removeOtherPasswords(Secret keep) throws EngineException {
        replace(keep);
    }

    /** A memcached node has no replication. */
    @Override
    public void requireLinksUp() {
    }

    @Override
    public RotationProof prove(Secret next, Secret old) {
        return new RotationProof(Instant.now(), List.of(proof(next, old)));
    }

    NodeProof proof(Secret next, Secret old) {
        return new NodeProof(address, NodeRole.NODE, logins.attempt(user, next), logins.attempt(user, old));
    }

    /**
     * Writes {@code after}, sends SIGHUP and waits for the reload: {@code probe} logs in and every entry dropped
     * from {@code before} is refused (a password that worked already proves nothing about the reload).
     */
    private void install(List<AuthEntry> before, List<AuthEntry> after, AuthEntry probe) throws EngineException {
        List<AuthEntry> dropped = before.stream()
                .filter(entry -> !after.contains(entry) && entry.canLogIn()).distinct().toList();
        authFile.write(after);
        Hangup.send(pid);
        logins.awaitInForce(probe, dropped, RELOAD_TIMEOUT_MILLIS);
    }

    /** A restore must still work when the live file is broken; then there is nothing known to be dropped. */
    private List<AuthEntry> entriesNowOrNone() {
        try {
            return authFile.read();
        } catch (EngineException e) {
            return List.of();
        }
    }
}
