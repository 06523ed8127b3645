package dev.rekey.api.huawei;

import dev.rekey.core.Limits;
import dev.rekey.core.Product;

/**
 * The DCS figures that are configuration rather than wire: five wrong old passwords in a row lock the instance (seeds
 * 002 and 004) for {@code limits: huawei-dcs: lock-minutes} (0 to 5, the seed's range for lock_time), and each API's
 * default budget.
 */
public final class DcsLockout {
    public static final int MAX_ATTEMPTS = 5;
    static final int MAX_LOCK_MINUTES = 5;
    /** Requests per second per tenant and API unless {@code limits: huawei-dcs: <API>: n} says otherwise. */
    static final int DEFAULT_PER_SECOND = 20;

    private DcsLockout() {
    }

    /** {@code limits: huawei-dcs: lock-minutes}, 0 to 5; 5 when absent. */
    public static int lockMinutes(Limits limits) {
        int minutes = limits.get(Product.HUAWEI_DCS, "lock-minutes", MAX_LOCK_MINUTES);
        if (minutes < 0 || minutes > MAX_LOCK_MINUTES) {
            throw new IllegalArgumentException("limits.huawei-dcs.lock-minutes must be 0 to " + MAX_LOCK_MINUTES
                    + " (the range DCS documents for lock_time), got " + minutes);
        }
        return minutes;
    }
}
