package dev.rekey.core;

/**
 * This node's claim on one operation: its epoch (the fencing token the store checks on every write) and when it
 * runs out. {@link LeaseKeeper} extends it while the operation runs; once another node has claimed the operation, the
 * lease is lost for good and the applier must neither write nor touch the engine again.
 */
public final class Lease {
    private final long operationId;
    private final String node;
    private final long epoch;
    private volatile long untilMillis;
    private volatile boolean lost;

    public Lease(long operationId, String node, long epoch, long untilMillis) {
        this.operationId = operationId;
        this.node = node;
        this.epoch = epoch;
        this.untilMillis = untilMillis;
    }

    public long operationId() {
        return operationId;
    }

    public String node() {
        return node;
    }

    public long epoch() {
        return epoch;
    }

    public long untilMillis() {
        return untilMillis;
    }

    public boolean lost() {
        return lost;
    }

    void extendTo(long until) {
        if (until > untilMillis) untilMillis = until;
    }

    void markLost() {
        lost = true;
    }

    @Override
    public String toString() {
        return "Lease[operation " + operationId + ", " + node + ", epoch " + epoch + (lost ? ", lost" : "") + "]";
    }
}
