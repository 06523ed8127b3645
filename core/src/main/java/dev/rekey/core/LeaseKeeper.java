package dev.rekey.core;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps this node's leases alive while their operations run, so a slow engine is never mistaken for a dead node, and
 * fences every engine step: {@link #beforeEngineStep} lets a step start only while the lease will outlast it, renewing
 * first when it might not. A renewal that meets a database error is retried the next round; only the store's refusal
 * (another node holds the operation now) loses a lease.
 */
public final class LeaseKeeper {
    private static final Logger LOG = Logger.getLogger(LeaseKeeper.class.getName());
    private final OperationStore store;
    private final Clock clock;
    private final Duration stepBudget;
    private final Set<Lease> held = ConcurrentHashMap.newKeySet();

    /** {@code stepBudget}: the longest an engine step may take (a few engine timeouts). */
    public LeaseKeeper(OperationStore store, Clock clock, Duration stepBudget) {
        this.store = store;
        this.clock = clock;
        this.stepBudget = stepBudget;
    }

    /** Renews every held lease every {@code store.renewEvery()} until the workers close. */
    public void start(Workers workers) {
        workers.every(store.renewEvery(), this::renewAll);
    }

    public void hold(Lease lease) {
        held.add(lease);
    }

    public void release(Lease lease) {
        held.remove(lease);
    }

    /** Throws {@link LeaseLostException} unless the lease is held and will outlast one engine step. */
    public void beforeEngineStep(Lease lease) {
        if (lease.lost()) throw new LeaseLostException(lease);
        if (lease.untilMillis() - clock.millis() > stepBudget.toMillis()) return;
        renew(lease);
        if (lease.lost()) throw new LeaseLostException(lease);
    }

    private void renewAll() {
        for (Lease lease : held) {
            try {
                renew(lease);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not renew " + lease + " this round, retrying: " + e.getMessage());
            }
        }
    }

    private void renew(Lease lease) {
        var until = store.renew(lease);
        if (until.isPresent()) {
            lease.extendTo(until.getAsLong());
        } else {
            lease.markLost();
            held.remove(lease);
            LOG.warning(lease + " is lost: another node holds the operation now; this node stops applying it");
        }
    }
}
