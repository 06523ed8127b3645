package dev.rekey.core;

/**
 * The newest operation on an instance as DescribeInstances shows it (CVM's LatestOperation, LatestOperationState,
 * LatestOperationRequestId and LatestOperationErrorMsg), read from the operation itself.
 */
public record LatestOperation(long id, String action, State state, String requestId, String errorMessage) {

    public enum State { OPERATING, SUCCESS, FAILED }

    public boolean operating() {
        return state == State.OPERATING;
    }

    public static State of(OperationState s) {
        return switch (s) {
            case REQUESTED, QUEUED, RUNNING -> State.OPERATING;
            case SUCCEEDED, OVERLAP -> State.SUCCESS;
            case FAILED, REFUSED -> State.FAILED;
        };
    }
}
