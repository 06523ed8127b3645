package dev.rekey.core;

/** Port: counters of fixed one-second windows, shared by every node that shares the store. */
public interface RateWindows {
    /** Counts one request in {@code bucket}'s window {@code second}; false when {@code limit} is already reached. */
    boolean tryAcquire(String bucket, long second, int limit);
}
