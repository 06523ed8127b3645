package dev.rekey.core;

/** What one fresh login with one password got from one node. */
public enum Login {
    ACCEPTED,
    REFUSED,
    /** The node did not answer, or answered something that is neither a success nor a refusal. */
    UNREACHABLE,
    /** No password was given to try. */
    NOT_CHECKED
}
