package dev.rekey.core;

/**
 * Product-neutral failures of the core. Every dialect maps each value with an exhaustive switch (no default), so a
 * new value fails the build until every cloud has its answer.
 */
public enum ErrorCode {
    /** No such instance for this tenant and region; equally used for another tenant's instance. */
    INSTANCE_NOT_FOUND,
    /** A new password breaks the product's password policy. */
    PASSWORD_RULE,
    /** The old password given does not match what the engine holds. */
    WRONG_OLD_PASSWORD,
    /** An accepted change on this instance has not finished yet. */
    INSTANCE_BUSY,
    /** The engine did not answer in time or refused the control connection. */
    ENGINE_UNAVAILABLE,
    /** The per-tenant request rate for this API was exceeded. */
    RATE_LIMITED,
    /** Too many wrong old passwords: the instance refuses changes for a while. */
    INSTANCE_LOCKED,
    /** The request asks for something this instance's configuration or state does not allow. */
    OPERATION_NOT_ALLOWED,
    /** A parameter is recognised but its value is not supported by Rekey. */
    UNSUPPORTED_VALUE,
    /** Anything unexpected; the message carries the request id that is also in the server log. */
    INTERNAL
}
