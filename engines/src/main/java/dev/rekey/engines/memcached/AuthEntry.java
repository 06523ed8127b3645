package dev.rekey.engines.memcached;

import dev.rekey.core.Secret;

/** One {@code user:password} line of a memcached auth file. The record's toString shows the password redacted. */
record AuthEntry(String user, Secret password) {

    /** Whether a client can send this entry at all: the ASCII login is split at spaces into user and password. */
    boolean canLogIn() {
        return !user.isEmpty() && !password.isEmpty() && !user.contains(" ") && !password.reveal().contains(" ");
    }

    String line() {
        return user + ":" + password.reveal() + "\n";
    }
}
