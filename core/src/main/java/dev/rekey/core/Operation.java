package dev.rekey.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One accepted (or requested) change to an instance: a password change or reset, a CVM reset, stop or start. It is
 * recorded before the engine is touched and ends only once the engine's state is verified or put back, so a crash
 * in between is settled from the engine (see {@link OperationRecovery}). {@code leaseOwner}/{@code leaseEpoch} say
 * which node applies it now; every write of an applier carries the epoch it holds (fencing).
 */
public record Operation(long id, String instanceId, String tenant, OperationKind kind, String action, String requestId,
                        OperationState state, String applierNode, String leaseOwner, long leaseEpoch,
                        Instant createdAt, Instant finishedAt, Result result, Work work, Window window) {

    /**
     * How it ended. {@code errorCode} names the {@link ErrorCode} of a refusal or failure; {@code errorDetail} is the
     * number a lockout refusal reports (attempts or minutes left); {@code proofs} say how each stage was verified.
     */
    public record Result(String message, String errorCode, Integer errorDetail, List<Proof> proofs) {
        public static final Result NONE = new Result("", null, null, List.of());

        public Result {
            proofs = proofs == null ? List.of() : List.copyOf(proofs);
        }

        public static Result proven(String message, Proof proof) {
            return new Result(message, null, null, proof == null ? List.of() : List.of(proof));
        }
    }

    /**
     * The overlap window of a password change: its length, fixed when the change was accepted (the instance's setting
     * then); when it ends (set once the new password works everywhere); and whether an operator asked to roll back
     * within it rather than finish it.
     */
    public record Window(Duration overlap, Instant dueAt, boolean rollBack) {
        public static final Window NONE = new Window(Duration.ZERO, null, false);

        public boolean open() {
            return !overlap.isZero();
        }
    }

    /**
     * What an applier needs, erased when the operation ends. {@code newFingerprint}: SHA-256 of the new password (or
     * {@link EngineState#NOPASS}), so a restarted node can tell from the engine whether the change landed;
     * {@code sealedPrevious}: the engine's previous state, sealed; {@code sealedRequest}: the passwords of a change
     * that another node must check and apply, sealed; {@code pendingHash}: the $6$ hash a guest reset is applying.
     * {@code targetUser}, {@code stopType} and {@code stoppedMode} describe a CVM operation and are kept.
     */
    public record Work(String newFingerprint, String sealedPrevious, String sealedRequest, String targetUser,
                       StopType stopType, String stoppedMode, String pendingHash) {
        public static final Work NONE = new Work(null, null, null, null, null, null, null);

        public Work withPendingHash(String hash) {
            return new Work(newFingerprint, sealedPrevious, sealedRequest, targetUser, stopType, stoppedMode, hash);
        }
    }

    /** The failure a refused or failed operation carries, as its dialect renders it. */
    public Failure failure() {
        ErrorCode code = result.errorCode() == null ? ErrorCode.INTERNAL : ErrorCode.valueOf(result.errorCode());
        return Failure.restore(code, result.message(), result.errorDetail());
    }
}
