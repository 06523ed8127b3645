package dev.rekey.core;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes a CVM instance's model (state, latest operation) in the store, each change in one transaction under the
 * instance's row lock, so DescribeInstances never sees RUNNING beside an operation that has not ended, and two nodes
 * cannot both claim one instance.
 */
public final class CvmRecords {
    static final String INTERRUPTED = "the operation was interrupted because Rekey stopped before it ended";

    private final InstanceStore instances;

    public CvmRecords(InstanceStore instances) {
        this.instances = instances;
    }

    /**
     * Claims the instance for {@code action}: {@code check} sees the locked row and may refuse by throwing; then the
     * operation is OPERATING with this request id. Returns the instance as the lock found it, and its attributes as
     * they were, for {@link #unclaim}.
     */
    Claim claim(String id, Consumer<CvmInstance> check, String action, String requestId,
                              Map<String, String> alsoWrite) {
        return instances.withExclusive(id, locked -> {
            CvmInstance found = CvmInstance.of(locked.instance());
            check.accept(found);
            var previous = new HashMap<String, String>();
            for (String key : CvmAttributes.OPERATION_KEYS) previous.put(key, locked.instance().attributes().get(key));
            locked.setAttribute(CvmAttributes.LATEST_OPERATION, action);
            locked.setAttribute(CvmAttributes.LATEST_OPERATION_STATE, LatestOperation.State.OPERATING.name());
            locked.setAttribute(CvmAttributes.LATEST_OPERATION_REQUEST_ID, requestId);
            locked.setAttribute(CvmAttributes.LATEST_OPERATION_ERROR, "");
            locked.setAttribute(CvmAttributes.LATEST_OPERATION_VERIFIED, null);
            alsoWrite.forEach(locked::setAttribute);
            return new Claim(found, previous);
        });
    }

    record Claim(CvmInstance found, Map<String, String> previous) {
    }

    /** Puts back what {@link #claim} found, when another instance of the same batch was refused. */
    void unclaim(String id, Map<String, String> previous) {
        instances.withExclusive(id, locked -> {
            previous.forEach(locked::setAttribute);
            return null;
        });
    }

    void state(String id, CvmInstanceState state) {
        instances.setAttribute(id, CvmAttributes.STATE, state.name());
    }

    /** Records the hash a reset is about to apply (see {@link CvmAttributes#PENDING_HASH}). */
    void pending(String id, String user, String cryptHash) {
        instances.withExclusive(id, locked -> {
            locked.setAttribute(CvmAttributes.PENDING_USER, user);
            locked.setAttribute(CvmAttributes.PENDING_HASH, cryptHash);
            return null;
        });
    }

    /** Records the instance's outcome and its state together. */
    void finish(String id, CvmInstanceState state, LatestOperation.State result, String error, String verified) {
        instances.withExclusive(id, locked -> {
            locked.setAttribute(CvmAttributes.PENDING_USER, null);
            locked.setAttribute(CvmAttributes.PENDING_HASH, null);
            locked.setAttribute(CvmAttributes.STATE, state.name());
            locked.setAttribute(CvmAttributes.LATEST_OPERATION_ERROR, error);
            locked.setAttribute(CvmAttributes.LATEST_OPERATION_VERIFIED, verified);
            locked.setAttribute(CvmAttributes.LATEST_OPERATION_STATE, result.name());
            return null;
        });
    }

    /**
     * At start: an operation still OPERATING was cut short by the last stop. An interrupted reset whose hash was
     * recorded is settled from the guest itself: SUCCESS if the guest holds exactly that hash, FAILED otherwise (or when
     * the guest cannot be read), so what Rekey reports is what the guest has. A pinned state (the configuration's
     * {@code state:}) is applied; otherwise a transition Rekey was making ends where it was going. Returns the state.
     */
    public CvmInstanceState settleAtStart(String id, CvmInstanceState pinned, GuestMachine machine) {
        return instances.withExclusive(id, locked -> {
            CvmInstance now = CvmInstance.of(locked.instance());
            if (now.latest().operating()) settleInterrupted(locked, machine);
            CvmInstanceState settled = pinned != null ? pinned : switch (now.state()) {
                case STOPPING -> CvmInstanceState.STOPPED;
                case STARTING -> CvmInstanceState.RUNNING;
                default -> now.state();
            };
            locked.setAttribute(CvmAttributes.STATE, settled.name());
            return settled;
        });
    }

    private static void settleInterrupted(InstanceStore.LockedInstance locked, GuestMachine machine) {
        String user = locked.instance().attributes().get(CvmAttributes.PENDING_USER);
        String hash = locked.instance().attributes().get(CvmAttributes.PENDING_HASH);
        boolean applied = user != null && hash != null && machine != null
                && machine.holds(user, hash).orElse(false);
        locked.setAttribute(CvmAttributes.LATEST_OPERATION_STATE,
                (applied ? LatestOperation.State.SUCCESS : LatestOperation.State.FAILED).name());
        locked.setAttribute(CvmAttributes.LATEST_OPERATION_ERROR, applied ? "" : INTERRUPTED);
        if (applied) locked.setAttribute(CvmAttributes.LATEST_OPERATION_VERIFIED, "after a restart: the shadow entry holds exactly the $6$ hash Rekey sent");
        locked.setAttribute(CvmAttributes.PENDING_USER, null);
        locked.setAttribute(CvmAttributes.PENDING_HASH, null);
    }

    /** The configuration owns os and image: written at every start, so a changed file takes effect. */
    public void describeImage(String id, String os, String image) {
        instances.withExclusive(id, locked -> {
            locked.setAttribute(CvmAttributes.OS, os);
            locked.setAttribute(CvmAttributes.IMAGE, image);
            return null;
        });
    }
}
