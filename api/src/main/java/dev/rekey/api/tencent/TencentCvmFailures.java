package dev.rekey.api.tencent;

import dev.rekey.api.Refusal;
import dev.rekey.core.CvmInstanceState;
import dev.rekey.core.CvmOperations;
import dev.rekey.core.Failure;

import java.util.Set;

/**
 * The CVM (2017-03-12) code for every core failure and every CVM-only refusal; both switches are exhaustive, so a
 * new core code or CVM failure fails the build here. A refused state maps to the action's documented
 * {@code UnsupportedOperation.InstanceState*} code; a state the action documents no code for is
 * {@code InvalidInstance.NotSupported}.
 */
final class TencentCvmFailures {
    private static final String STATE_CODE = "UnsupportedOperation.InstanceState";

    /** The InstanceState* suffixes each action documents (seed 003 for the reset, the API reference for the others). */
    private static final Set<String> RESET_STATES = Set.of("EnterRescueMode", "ExitRescueMode", "Freezing", "Isolating",
            "Pending", "Rebooting", "RescueMode", "Running", "ServiceLiveMigrate", "Shutdown", "Starting", "Stopping",
            "Terminating");
    private static final Set<String> STOP_STATES = Set.of("Banning", "Corrupted", "EnterRescueMode",
            "EnterServiceLiveMigrate", "ExitRescueMode", "ExitServiceLiveMigrate", "Freezing", "Isolating", "Pending",
            "Rebooting", "RescueMode", "ServiceLiveMigrate", "Shutdown", "Starting", "Stopped", "Stopping", "Terminated",
            "Terminating");
    private static final Set<String> START_STATES = Set.of("Corrupted", "EnterRescueMode", "ExitRescueMode",
            "Freezing", "Isolating", "Pending", "Rebooting", "RescueMode", "Running", "ServiceLiveMigrate", "Shutdown",
            "Starting", "Stopped", "Stopping", "Terminated", "Terminating");

    private TencentCvmFailures() {
    }

    /**
     * A CVM batch's refusal: a refused state names the state, and an operation in progress is a running reset (the
     * same kind of job: {@code MutexOperation.TaskRunning}) or any other operation.
     */
    static Refusal of(Failure failure, TencentCvmRoute route) {
        return switch (failure) {
            case Failure.CvmStateRefused s -> refusal(stateCode(route, s.state()), s);
            case Failure.OperationRunning r when CvmOperations.RESET.equals(r.action()) ->
                    refusal("MutexOperation.TaskRunning", r);
            case Failure.OperationRunning r -> refusal("OperationDenied.InstanceOperationInProgress", r);
            case Failure.Plain p -> of(p);
            case Failure.WrongOldPassword w -> of(w);
            case Failure.Locked l -> of(l);
        };
    }

    static Refusal of(Failure f) {
        String code = switch (f.code()) {
            case INSTANCE_NOT_FOUND -> "InvalidInstanceId.NotFound";
            case PASSWORD_RULE -> "InvalidParameterValue.InvalidPassword";
            case WRONG_OLD_PASSWORD, UNSUPPORTED_VALUE -> "InvalidParameterValue";
            case INSTANCE_BUSY, INSTANCE_LOCKED -> "OperationDenied.InstanceOperationInProgress";
            case ENGINE_UNAVAILABLE, INTERNAL -> "InternalServerError";
            case RATE_LIMITED -> "RequestLimitExceeded";
            case OPERATION_NOT_ALLOWED -> "UnsupportedOperation";
        };
        return refusal(code, f);
    }

    private static Refusal refusal(String code, Failure f) {
        return new Refusal(TencentRefusals.STATUS, code, f.message(), f);
    }

    static String stateCode(TencentCvmRoute route, CvmInstanceState state) {
        Set<String> documented = switch (route) {
            case RESET_INSTANCES_PASSWORD -> RESET_STATES;
            case STOP_INSTANCES -> STOP_STATES;
            case START_INSTANCES -> START_STATES;
            case DESCRIBE_INSTANCES, DESCRIBE_INSTANCES_STATUS -> Set.of();
        };
        String name = state.pascalCase();
        if (documented.contains(name)) return STATE_CODE + name;
        boolean migrating = state == CvmInstanceState.ENTER_SERVICE_LIVE_MIGRATE
                || state == CvmInstanceState.EXIT_SERVICE_LIVE_MIGRATE;
        if (migrating && documented.contains("ServiceLiveMigrate")) return STATE_CODE + "ServiceLiveMigrate";
        return "InvalidInstance.NotSupported";
    }
}
