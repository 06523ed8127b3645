package dev.rekey.core;

/**
 * Port: the credential of one instance's account on a real engine (one server, or every node of a deployment). Every call answers or fails within the engine's
 * timeout (2 s for network engines), so a dead engine becomes {@link ErrorCode#ENGINE_UNAVAILABLE}, not a hang.
 */
public interface PasswordEngine {

    /** What the account accepts now, without attempting a login. */
    EngineState read() throws EngineException;

    /** Replace every password of the account by exactly {@code next}; password-free access ends. */
    void replace(Secret next) throws EngineException;

    /** Let the account in without a password. */
    void makePasswordFree() throws EngineException;

    /** Put back a state returned earlier by {@link #read()}. */
    void restore(EngineState previous) throws EngineException;

    /** Make the current state survive an engine restart. */
    void persist() throws EngineException;

    /**
     * Prove with fresh connections that {@code expected} is accepted and {@code rejected} is refused.
     * A null {@code expected} means password-free access is expected; a null {@code rejected} is not checked.
     */
    void verify(Secret expected, Secret rejected) throws EngineException;

    /**
     * Overlap, first step: every node accepts {@code next} beside what it accepted before; replication logins (a
     * replica's {@code masterauth}, a Sentinel's {@code auth-pass}) move to {@code next}; every replication link is
     * proven up. All-or-nothing: if any node cannot take it, every node that did is put back and the failure names
     * the node. Not persisted: {@link #persist} does that once every node took it.
     */
    void addPassword(Secret next) throws EngineException;

    /** Overlap, last step: every node accepts only {@code keep}; all-or-nothing as {@link #addPassword}. */
    void removeOtherPasswords(Secret keep) throws EngineException;

    /** Every replication link of the deployment is up now; an engine without replication has nothing to check. */
    void requireLinksUp() throws EngineException;

    /**
     * Connects fresh to every node and records which of the passwords it accepts ({@code old} may be null: not
     * checked). A node that does not answer is recorded as unreachable, not thrown.
     */
    RotationProof prove(Secret next, Secret old) throws EngineException;

    /**
     * This engine with {@code gate} called before every step on every node of a change, so that an applier can fence
     * each one with its lease. A single-server engine takes one step per call and is fenced before the call, so it
     * keeps no gate.
     */
    default PasswordEngine gated(ChangeGate gate) {
        return this;
    }
}
