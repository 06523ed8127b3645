package dev.rekey.engines.rotation;

import dev.rekey.core.EngineException;
import dev.rekey.core.PasswordEngine;
import dev.rekey.core.Secret;

/**
 * A password engine that can rotate with an overlap window: {@link #addPassword} makes the new password work beside
 * the old ones on every node, {@link #removeOtherPasswords} later leaves only the new one. Each call is
 * all-or-nothing: if any node cannot take it, every node that did is put back and the failure names the node.
 * {@link #replace} is the same two steps with no window between them. Neither call persists: {@link #persist}
 * does, once every node took the change.
 */
public interface OverlapEngine extends PasswordEngine {

    /**
     * Every node accepts {@code next} besides what it accepted before; replication logins (a replica's
     * {@code masterauth}, a Sentinel's {@code auth-pass}) move to {@code next}; every replication link is proven up.
     */
    void addPassword(Secret next) throws EngineException;

    /** Every node accepts only {@code keep}; replication logins use {@code keep}. */
    void removeOtherPasswords(Secret keep) throws EngineException;

    /** Every replication link of the deployment is up now (within the engine's link timeout); nothing to check alone. */
    void requireLinksUp() throws EngineException;

    /**
     * Connects fresh to every node and records which of the passwords it accepts; {@code old} may be null (not
     * checked). A node that does not answer is recorded as unreachable, not thrown; this throws only when the
     * deployment's nodes cannot be found at all.
     */
    RotationProof prove(Secret next, Secret old) throws EngineException;
}
