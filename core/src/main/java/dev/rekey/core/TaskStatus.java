package dev.rekey.core;

/** Where an accepted change is. Only SUCCEED and FAILED are final. */
public enum TaskStatus {
    PREPARING, RUNNING, SUCCEED, FAILED;

    public boolean finished() {
        return this == SUCCEED || this == FAILED;
    }
}
