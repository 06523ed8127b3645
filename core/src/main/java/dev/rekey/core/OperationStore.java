package dev.rekey.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Port: operations and their leases. Every write by an applier names the {@link Lease} it holds and is refused with
 * {@link LeaseLostException} once another node has claimed the operation (its epoch moved on).
 */
public interface OperationStore {

    Optional<Operation> find(long id);

    /** The newest operations of an instance, newest first. */
    List<Operation> ofInstance(String instanceId, int limit);

    /** Records a change only {@code applierNode} can check and apply; it does not hold the instance yet. */
    Operation request(NewOperation operation);

    /** Ends a REQUESTED operation nobody has claimed (its applier did not answer); false when it was claimed. */
    boolean cancelRequested(long id, String message);

    /** Claims, for {@code node}, REQUESTED and QUEUED operations that only it can apply and nobody holds yet. */
    List<Claimed> claimAssigned(String node, int max);

    /**
     * Claims unfinished operations whose lease has run out (their node died or was paused), and with
     * {@code includeOwn} also those {@code node} leased before it restarted; each claim takes the next epoch, which
     * fences the previous holder out. Operations only another node can apply are left to it.
     */
    List<Claimed> claimOrphans(String node, boolean includeOwn, int max);

    /** Extends a lease; empty when it is lost (another epoch holds the operation). */
    OptionalLong renew(Lease lease);

    /** Gives the claim up at once, so another node (the engine's owner, say) can take it next round. */
    void release(Lease lease);

    /** Records progress: the hash a guest reset is about to apply. */
    void pendingHash(Lease lease, String hash);

    /** Records a CVM instance's state while its operation runs. */
    void cvmState(Lease lease, CvmInstanceState state);

    /**
     * The new password works everywhere: the operation waits in OVERLAP until {@code dueAt}, its lease given up (any
     * node takes the window's end when it is due), the instance still held. {@code sealedRequest} keeps the two
     * passwords, sealed, for the end's proof (erased when the operation ends); the previous state stays for a roll-back.
     */
    Operation enterWindow(Lease lease, Instant dueAt, Proof proof, String sealedRequest);

    /** Claims, for {@code node}, open windows that are due (or whose end a dead node left half-way). */
    List<Claimed> claimDue(String node, int max);

    /** Makes an open window due now, to finish it early or ({@code rollBack}) to put the previous password back. */
    boolean endWindowNow(long id, boolean rollBack);

    /**
     * Ends the operation and frees its instance in one transaction; erases the work material (fingerprints, sealed
     * state and passwords, pending hash). Returns the operation as it ended.
     */
    Operation finish(Lease lease, Ending ending);

    /** How often a lease must be renewed. */
    Duration renewEvery();

    /** A claimed operation and the lease this node now holds on it. */
    record Claimed(Operation operation, Lease lease) {
    }

    /**
     * What an ending writes: the final state and result, and the instance facts that change with it (null: unchanged).
     */
    record Ending(OperationState state, Operation.Result result, Boolean passwordFree, CvmInstanceState cvmState) {
        public Ending {
            if (!state.finished()) throw new IllegalArgumentException("not a final state: " + state);
        }
    }
}
