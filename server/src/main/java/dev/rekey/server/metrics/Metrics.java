package dev.rekey.server.metrics;

import dev.rekey.api.Access;
import dev.rekey.api.AccessObserver;
import dev.rekey.core.OperationKind;
import dev.rekey.core.OperationState;
import dev.rekey.core.Product;
import dev.rekey.core.RateWindows;
import dev.rekey.store.JdbcStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Rekey's Prometheus metrics, each named {@code rekey_*}:
 * <ul>
 * <li>{@code rekey_requests_total{cloud,action,status,code}} and the histogram {@code rekey_request_duration_seconds}
 * {@code {cloud,action}}: every cloud API request, from the facts of its access line ({@link AccessObserver});</li>
 * <li>{@code rekey_rate_limit_refusals_total{product}}: requests refused by a rate limit on this node;</li>
 * <li>{@code rekey_engines{state}}: engines attached on this node that answered (up) or not (down) at their last probe;</li>
 * <li>read from the store at each scrape, for the whole fleet: {@code rekey_operations{kind,state}},
 * {@code rekey_engine_verification_failures_total{kind}} (operations that ended failed: the engine could not be
 * changed or the change not verified, and the previous password was put back), {@code rekey_instances_locked}
 * (instances locked out by wrong passwords now) and {@code rekey_instances{product,source}}.</li>
 * </ul>
 * Label values a client chooses (an action name) are bounded: past {@value #MAX_ACTIONS} distinct ones, the rest are
 * counted as {@code other}.
 */
public final class Metrics implements AccessObserver {
    static final int MAX_ACTIONS = 200;
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Set<String> actions = ConcurrentHashMap.newKeySet();
    private final JdbcStats stats;
    private final Clock clock;
    private volatile JdbcStats.Snapshot snapshot = new JdbcStats.Snapshot(List.of(), 0, List.of());

    /** {@code engines} answers how many engines attached here are up (true) and down (false). */
    public Metrics(JdbcStats stats, Clock clock, Supplier<Map<Boolean, Long>> engines) {
        this.stats = stats;
        this.clock = clock;
        for (boolean up : new boolean[]{true, false}) {
            Gauge.builder("rekey.engines", engines, e -> e.get().getOrDefault(up, 0L))
                    .description("Engines attached on this node that answered (up) or not (down) at their last probe")
                    .tag("state", up ? "up" : "down").strongReference(true).register(registry);
        }
        for (OperationKind kind : OperationKind.values()) {
            String k = lower(kind);
            for (OperationState state : OperationState.values()) {
                Gauge.builder("rekey.operations", this, m -> m.operations(k, state.name()))
                        .description("Operations in the store (the whole fleet) by kind and state")
                        .tag("kind", k).tag("state", lower(state)).strongReference(true).register(registry);
            }
            FunctionCounter.builder("rekey.engine.verification.failures", this, m -> m.operations(k, OperationState.FAILED.name()))
                    .description("Operations that ended failed on their engine (not changed or not verified; the previous "
                            + "password put back), the whole fleet").tag("kind", k).register(registry);
        }
        Gauge.builder("rekey.instances.locked", this, m -> m.snapshot.lockedInstances())
                .description("Instances locked out by wrong old passwords now (the whole fleet)").strongReference(true).register(registry);
        for (Product product : Product.values()) {
            for (String source : List.of("config", "api")) {
                Gauge.builder("rekey.instances", this, m -> m.instances(product.name(), source))
                        .description("Active instances by product and source (the whole fleet)")
                        .tag("product", product.key()).tag("source", source).strongReference(true).register(registry);
            }
        }
    }

    @Override
    public void observed(Access access, int status, long latencyNanos) {
        String cloud = access.cloud() == null ? "none" : access.cloud();
        String action = action(access.action());
        Counter.builder("rekey.requests").description("Cloud API requests by cloud, action, HTTP status and cloud error code")
                .tag("cloud", cloud).tag("action", action).tag("status", Integer.toString(status))
                .tag("code", access.errorCode() == null ? "none" : clip(access.errorCode()))
                .register(registry).increment();
        Timer.builder("rekey.request.duration").description("Cloud API request latency by cloud and action")
                .tag("cloud", cloud).tag("action", action).serviceLevelObjectives(BUCKETS)
                .register(registry).record(latencyNanos, TimeUnit.NANOSECONDS);
    }

    /** {@code inner}, counting each refusal by the product its bucket names (every bucket starts with a product key). */
    public RateWindows counting(RateWindows inner) {
        return (bucket, second, limit) -> {
            boolean ok = inner.tryAcquire(bucket, second, limit);
            if (!ok) {
                Counter.builder("rekey.rate.limit.refusals").description("Requests refused by a rate limit on this node")
                        .tag("product", product(bucket)).register(registry).increment();
            }
            return ok;
        };
    }

    /** The Prometheus text; the store's counts are read once for it. */
    public String scrape() {
        snapshot = stats.read(clock.millis());
        return registry.scrape();
    }

    private double operations(String kind, String state) {
        return snapshot.operations().stream()
                .filter(c -> c.labels().get(0).toLowerCase(Locale.ROOT).equals(kind) && c.labels().get(1).equals(state))
                .mapToLong(JdbcStats.Count::count).sum();
    }

    private double instances(String product, String source) {
        return snapshot.instances().stream()
                .filter(c -> c.labels().get(0).equals(product) && c.labels().get(1).equals(source))
                .mapToLong(JdbcStats.Count::count).sum();
    }

    private String action(String action) {
        if (action == null) return "none";
        if (actions.contains(action)) return action;
        if (actions.size() >= MAX_ACTIONS) return "other";
        actions.add(action);
        return action;
    }

    private static String product(String bucket) {
        String first = bucket.contains("/") ? bucket.substring(0, bucket.indexOf('/')) : bucket;
        for (Product p : Product.values()) if (p.key().equals(first)) return first;
        return "other";
    }

    private static String clip(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64);
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
