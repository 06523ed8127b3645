package dev.rekey.core;

/**
 * Where an operation is. REQUESTED: recorded by a node that cannot reach the engine, not yet checked (the instance is
 * not held). QUEUED: checked and accepted, the instance is held, waiting for the node that can apply it. RUNNING: a
 * node holds its lease and applies it. SUCCEEDED, FAILED and REFUSED (a requested change that its check refused)
 * are final.
 */
public enum OperationState {
    REQUESTED, QUEUED, RUNNING, SUCCEEDED, FAILED, REFUSED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == REFUSED;
    }
}
