package dev.rekey.core;

/**
 * The latest operation on a CVM instance as DescribeInstances shows it: LatestOperation, LatestOperationState,
 * LatestOperationRequestId and LatestOperationErrorMsg. {@code action} is null when nothing ran yet.
 */
public record LatestOperation(String action, State state, String requestId, String errorMessage) {

    public enum State { OPERATING, SUCCESS, FAILED }

    public static final LatestOperation NONE = new LatestOperation(null, null, null, null);

    public boolean operating() {
        return state == State.OPERATING;
    }
}
