package dev.rekey.engines.redis.deployment;

import dev.rekey.core.Secret;

/**
 * A node's masterauth, and whether it belongs to the account ({@code managed}): then every change moves it with the
 * account's password. It is plain text because Redis needs it so to log in to a primary; it travels only inside a
 * {@link Secret}, and into a saved state only as sealed restore data.
 */
record ReplicationLogin(boolean managed, Secret masterAuth) {

    boolean isSet() {
        return !masterAuth.isEmpty();
    }
}
