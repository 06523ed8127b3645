package dev.rekey.core;

/**
 * Where an operation is. REQUESTED: recorded by a node that cannot reach the engine, not yet checked (the instance is
 * not held). QUEUED: checked and accepted, the instance is held, waiting for the node that can apply it. RUNNING: a
 * node holds its lease and applies it. OVERLAP: the new password works on every node and the cloud's task has
 * succeeded, but the old one is still accepted until the instance's overlap window ends (a scheduled step any node
 * takes when it is due; the instance stays held). SUCCEEDED, FAILED and REFUSED (a requested change that its check
 * refused) are final.
 */
public enum OperationState {
    REQUESTED, QUEUED, RUNNING, OVERLAP, SUCCEEDED, FAILED, REFUSED;

    /** Whether a caller waiting for the outcome has it: the operation ended, or its window is open. */
    public boolean answered() {
        return finished() || this == OVERLAP;
    }

    /** What a cloud's task reports: an open window is a change that has succeeded. */
    public boolean succeededForTheCloud() {
        return this == SUCCEEDED || this == OVERLAP;
    }

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == REFUSED;
    }
}
