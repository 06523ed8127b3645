package dev.rekey.core;

import java.time.Instant;

/** What an engine can tell about clients still using an old password, so an operator knows when to end a window. */
public interface OldPasswordTelemetry {

    /**
     * The account's client connections on every node, split at {@code changedAt} (when the new password was added),
     * and the logins refused since {@code refusedSince} (when the old password was removed; null: since
     * {@code changedAt}).
     */
    PasswordUse passwordUse(Instant changedAt, Instant refusedSince) throws EngineException;
}
