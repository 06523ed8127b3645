package dev.rekey.engines.redis.deployment;

import dev.rekey.core.Secret;
import java.util.Objects;

/** The least-rights admin user Rekey logs in as on every node and Sentinel, and the account whose password it changes. */
record AdminLogin(String user, Secret password, String account) {

    AdminLogin {
        Objects.requireNonNull(user, "adminUser");
        Objects.requireNonNull(password, "adminPassword");
        Objects.requireNonNull(account, "account");
        if (user.equals(account)) throw new IllegalArgumentException("the admin user cannot be the account it changes");
    }

    /** Replicas and Sentinels that name no user log in as {@code default}. */
    boolean accountIsDefault() {
        return account.equals("default");
    }
}
