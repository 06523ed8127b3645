package dev.rekey.core;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Port: instances, and the one-change-at-a-time rule, enforced by the store so that it holds across nodes. */
public interface InstanceStore {

    Optional<Instance> find(String id);

    List<Instance> list(String tenant, Product product);

    /** Runs {@code body} holding the instance's row lock in one transaction; the body's effects commit together. */
    <T> T withExclusive(String id, Function<LockedInstance, T> body);

    void setAttribute(String id, String key, String value);

    /** Changes the instance's display name; the configuration never overwrites it afterwards. */
    void rename(String id, String name);

    /** An instance row locked for the current transaction. */
    interface LockedInstance {
        Instance instance();

        /** Records an accepted change and marks the instance busy with it. */
        Task startTask(String kind, String requestId, String newFingerprint, String sealedPrevious);

        void setAttribute(String key, String value);
    }
}
