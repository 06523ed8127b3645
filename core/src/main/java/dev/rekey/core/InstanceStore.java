package dev.rekey.core;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Port: instances, and the one-change-at-a-time rule, enforced by the store so that it holds across nodes.
 * {@link #withLocked} is the only way to start an operation: a short transaction over row-locked instances. No engine
 * is ever called inside it (read the engine first, then check under the lock that nothing changed meanwhile).
 */
public interface InstanceStore {

    Optional<Instance> find(String id);

    /** The tenant's instances of one product, retired ones left out, in creation order. */
    List<Instance> list(String tenant, Product product);

    /** Runs {@code body} in one short transaction holding the row locks of {@code ids} (taken in a fixed order). */
    <T> T withLocked(List<String> ids, Function<Locked, T> body);

    /** Changes the display name; the configuration never overwrites it afterwards. */
    void rename(String id, String name);

    void setReleaseProtection(String id, boolean on);

    void setEngineVersion(String id, String version);

    /** Instances row-locked for the current transaction; every write commits with the transaction. */
    interface Locked {
        /** The locked instance as it is now. */
        Instance instance(String id);

        Lockout lockout(String id);

        void setLockout(String id, Lockout lockout);

        /**
         * Records an accepted operation and holds the instance with it. With {@code leaseHere} the operation is RUNNING
         * under a new lease of this node (returned in {@link Started#lease()}); otherwise it is QUEUED for its
         * applier node.
         */
        Started start(NewOperation operation, boolean leaseHere);

        /** A REQUESTED operation this node has claimed and checked: it is RUNNING now and holds the instance. */
        Operation accept(Lease lease, String newFingerprint, String sealedPrevious);

        /** A REQUESTED operation this node has claimed and checked: refused, final. */
        Operation refuse(Lease lease, Failure failure);

        /** Sets a CVM instance's modelled state (and StopChargingMode unless null). */
        void setCvmState(String id, CvmInstanceState state, String stopChargingMode);
    }

    /** An operation just recorded, with this node's lease on it when it runs here. */
    record Started(Operation operation, Lease lease) {
    }
}
