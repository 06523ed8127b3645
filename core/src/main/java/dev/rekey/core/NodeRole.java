package dev.rekey.core;

/** The role a node reported when it was proven or measured. */
public enum NodeRole {
    PRIMARY,
    REPLICA,
    /** A node of an engine without replication (a Memcached node). */
    NODE,
    /** The node did not say (it did not answer). */
    UNKNOWN
}
