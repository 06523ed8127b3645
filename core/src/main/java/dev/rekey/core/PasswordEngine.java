package dev.rekey.core;

/**
 * Port: the credential of one instance's account on a real engine. Every call answers or fails within the engine's
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
}
