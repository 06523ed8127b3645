package dev.rekey.core;

/**
 * This node's lease on an operation is gone: another node claimed it (this one was paused or cut off past the lease).
 * The applier stops at once: no further engine call, no write; the new holder settles the operation.
 */
public final class LeaseLostException extends RuntimeException {
    public LeaseLostException(Lease lease) {
        super("lost " + lease + ": another node has claimed the operation", null, false, false);
    }
}
