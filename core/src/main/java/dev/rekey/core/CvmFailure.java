package dev.rekey.core;

/**
 * Why a CVM batch was refused. {@link Common} carries a product-neutral {@link Failure}; the other cases exist only
 * for CVM, and only the CVM dialect maps them (a switch over this type has no default).
 */
public sealed interface CvmFailure {
    String message();

    /** A failure every product has (not found, password rule, rate limit, ...). */
    record Common(Failure failure) implements CvmFailure {
        public String message() {
            return failure.message();
        }
    }

    /** The instance's state does not allow the action (a running instance without ForceStop, a frozen one, ...). */
    record InstanceStateRefused(String instanceId, CvmInstanceState state, String message) implements CvmFailure {
    }

    /** A ResetInstancesPassword on the instance is still OPERATING: the same kind of job is running. */
    record TaskRunning(String instanceId, String message) implements CvmFailure {
    }

    /** A StopInstances or StartInstances on the instance is still OPERATING. */
    record OperationInProgress(String instanceId, String operation, String message) implements CvmFailure {
    }
}
