package dev.rekey.engines.redis.topology;

import dev.rekey.core.Secret;
import java.util.Objects;

/** Who administers every node of a topology, and the account whose password Rekey changes. */
record Accounts(String adminUser, Secret adminPassword, String account) {

    private static final String USER_NAME = "[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}";

    Accounts {
        Objects.requireNonNull(adminPassword, "adminPassword");
        if (adminUser == null || !adminUser.matches(USER_NAME) || account == null || !account.matches(USER_NAME)) {
            throw new IllegalArgumentException("adminUser and account must be 1-64 letters, digits, '_', '.', '@' or"
                    + " '-', starting with a letter or digit");
        }
        if (adminUser.equals(account) || adminUser.equals("default")) {
            throw new IllegalArgumentException("adminUser must be a user of its own, not 'default' nor the account");
        }
    }

    NodeProcess.AdminPing ping() {
        return new NodeProcess.AdminPing(adminUser, adminPassword);
    }
}
