package dev.rekey.core;

import java.time.Duration;
import java.time.Instant;

/**
 * A managed instance as the store knows it: one typed fact per field. {@code host}/{@code port} are the engine's real
 * address; {@code ownerNode} is the node that spawned its engine (null for an engine Rekey only reaches).
 * {@code activeOperation} is the operation that holds the instance (null when it is free); {@code generation} grows
 * each time an operation ends, so a check made without a lock can tell whether the engine may have changed since.
 * {@code latest} is the newest operation started on the instance, null before the first one. {@code overlap} is how
 * long the old password keeps working after a change (zero: none, the clouds' behaviour).
 */
public record Instance(String id, String tenant, Product product, String region, String name, EngineKind engineKind,
                       String host, int port, String ownerNode, InstanceState state, Long activeOperation,
                       long generation, LatestOperation latest, boolean passwordFree, boolean releaseProtection,
                       String engineVersion, String account, CvmFacts cvm, Instant createdAt, String source,
                       Duration overlap) {

    /** Another tenant's instance, or one in another region, must look exactly like one that does not exist. */
    public boolean visibleTo(String tenant, Product product, String region) {
        return this.tenant.equals(tenant) && this.product == product && state != InstanceState.RETIRED
                && (region == null || region.isEmpty() || region.equals(this.region));
    }

    /**
     * An accepted operation has not ended yet (an open overlap window included): every product's one notion of
     * "busy", which refuses another change.
     */
    public boolean busy() {
        return activeOperation != null;
    }

    /** A change is being applied and the cloud has not been told it succeeded: what describe actions show. */
    public boolean changing() {
        return busy() && latest != null && latest.operating();
    }
}
