package dev.rekey.core;

/** What an operation does to its engine; the cloud's own name for it is the operation's {@code action}. */
public enum OperationKind {
    /** A Redis or Memcached account's password replaced (or made password-free): change, reset, modify. */
    ENGINE_PASSWORD,
    /** A guest user's password hash set (CVM ResetInstancesPassword). */
    GUEST_PASSWORD,
    /** A guest stopped (CVM StopInstances). */
    GUEST_STOP,
    /** A guest started (CVM StartInstances). */
    GUEST_START
}
