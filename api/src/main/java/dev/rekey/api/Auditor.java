package dev.rekey.api;

import dev.rekey.core.AuditEntry;
import dev.rekey.core.AuditLog;
import dev.rekey.core.Credential;
import dev.rekey.core.Failure;
import dev.rekey.core.Operation;

import java.time.Clock;

/**
 * Writes the one audit record of every request to a mutating route, whatever stage ended it: who (null when the
 * signature was refused), which action and instance, and the outcome ({@code accepted operation 12},
 * {@code refused: WRONG_OLD_PASSWORD}, {@code refused: AuthFailure.SignatureFailure}). Outcomes are built from codes,
 * ids and the values a rename sets: never a password. An accepted CVM batch gets one record per instance, each naming
 * its operation. How each operation ends is recorded by the core's appliers.
 */
final class Auditor {
    /** The audit table's instance_id column. */
    private static final int MAX_INSTANCE = 64;

    private final AuditLog log;
    private final Clock clock;

    Auditor(AuditLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    void answered(Call call, Subject subject, Answer.Did did) {
        switch (did) {
            case Answer.Did.Nothing nothing -> {
            }
            case Answer.Did.Refused refused -> record(call.caller(), call.action(),
                    instanceOf(refused.failure(), subject), "refused: " + refused.failure().code(), call.requestId());
            case Answer.Did.Accepted accepted -> accepted(call, subject, accepted);
        }
    }

    private void accepted(Call call, Subject subject, Answer.Did.Accepted did) {
        if (did.operations().isEmpty()) {
            record(call.caller(), call.action(), first(subject), did.change(), call.requestId());
            return;
        }
        for (Operation op : did.operations()) {
            String applied = op.applierNode() == null ? "" : " (applied by " + op.applierNode() + ")";
            String outcome = (did.change().isEmpty() ? "" : did.change() + "; ") + "accepted operation " + op.id() + applied;
            record(call.caller(), call.action(), op.instanceId(), outcome, call.requestId());
        }
    }

    void refused(RouteSpec<?> route, Credential caller, Subject subject, Refusal refusal, String requestId) {
        Failure failure = refusal.failure();
        String code = failure != null ? failure.code().name() : refusal.code();
        record(caller, route.action(), instanceOf(failure, subject), "refused: " + code, requestId);
    }

    void failed(RouteSpec<?> route, Credential caller, Subject subject, String requestId) {
        record(caller, route.action(), first(subject), "failed: internal error", requestId);
    }

    /** The instance a batch refusal names (the one in the wrong state, or held), else the call's first. */
    private static String instanceOf(Failure failure, Subject subject) {
        if (failure == null) return first(subject);
        return switch (failure) {
            case Failure.CvmStateRefused s -> s.instanceId();
            case Failure.OperationRunning r -> r.instanceId();
            case Failure.Plain p -> first(subject);
            case Failure.WrongOldPassword w -> first(subject);
            case Failure.Locked l -> first(subject);
        };
    }

    private static String first(Subject subject) {
        return subject.instances().isEmpty() ? null : subject.instances().getFirst();
    }

    private void record(Credential caller, String action, String instance, String outcome, String requestId) {
        String tenant = caller == null ? null : caller.tenant();
        String actor = caller == null ? null : caller.keyId();
        log.record(new AuditEntry(clock.instant(), tenant, actor, action, clip(instance), outcome, requestId));
    }

    private static String clip(String instance) {
        return instance == null || instance.length() <= MAX_INSTANCE ? instance : instance.substring(0, MAX_INSTANCE);
    }
}
