package dev.rekey.api;

import dev.rekey.core.Limits;
import dev.rekey.core.Product;

/**
 * A route's request budget: the {@code limits:} name that overrides it ({@code limits: <product>: <name>: n}), its
 * documented default per second, and what shares one budget. {@link #NONE} for routes the cloud does not throttle.
 */
public record RateLimit(Product product, String name, int defaultPerSecond, Scope scope) {
    public static final RateLimit NONE = new RateLimit(null, null, 0, Scope.NONE);

    public enum Scope {
        NONE,
        /** One budget per tenant for every action of the product. */
        TENANT,
        /** Per tenant and limit name (two spellings of one API share it). */
        ACTION,
        /** Per tenant, limit name and region. */
        ACTION_AND_REGION
    }

    public static RateLimit perTenant(Product product, String name, int defaultPerSecond) {
        return new RateLimit(product, name, defaultPerSecond, Scope.TENANT);
    }

    public static RateLimit perAction(Product product, String name, int defaultPerSecond) {
        return new RateLimit(product, name, defaultPerSecond, Scope.ACTION);
    }

    public static RateLimit perActionAndRegion(Product product, String name, int defaultPerSecond) {
        return new RateLimit(product, name, defaultPerSecond, Scope.ACTION_AND_REGION);
    }

    public boolean applies() {
        return scope != Scope.NONE;
    }

    /** The window's key in the store, shared by every node: {@code tencent-redis/ResetPassword/acme/ap-guangzhou}. */
    public String bucket(String tenant, String region) {
        return switch (scope) {
            case NONE -> throw new IllegalStateException("no budget");
            case TENANT -> product.key() + "/" + tenant;
            case ACTION -> product.key() + "/" + name + "/" + tenant;
            case ACTION_AND_REGION -> product.key() + "/" + name + "/" + tenant + "/" + region;
        };
    }

    public int perSecond(Limits limits) {
        return limits.get(product, name, defaultPerSecond);
    }
}
