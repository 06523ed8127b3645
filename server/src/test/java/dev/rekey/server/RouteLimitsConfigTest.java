package dev.rekey.server;

import dev.rekey.api.RateLimit;
import dev.rekey.api.RouteSpec;
import dev.rekey.api.aliyun.AliyunRedisRoute;
import dev.rekey.api.huawei.DcsRoute;
import dev.rekey.api.tencent.TencentCvmRoute;
import dev.rekey.api.tencent.TencentRedisRoute;
import dev.rekey.core.Limits;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The budgets the route tables read are exactly the {@code limits:} names the configuration accepts (beside DCS's
 * lock time): a route whose name the configuration refused could never be tuned, and a name no route reads would be
 * accepted and silently ignored.
 */
class RouteLimitsConfigTest {
    private static final Set<RateLimit> BUDGETS = Stream.of(TencentRedisRoute.values(), TencentCvmRoute.values(),
                    AliyunRedisRoute.values(), DcsRoute.values())
            .flatMap(Arrays::stream).map(RouteSpec::rateLimit).filter(RateLimit::applies)
            .collect(Collectors.toCollection(LinkedHashSet::new));

    @Test
    void everyBudgetOfTheRouteTablesIsConfigurableUnderItsOwnName() {
        var yaml = new StringBuilder("limits:\n");
        var expected = new LinkedHashMap<RateLimit, Integer>();
        var byProduct = BUDGETS.stream().collect(Collectors.groupingBy(b -> b.product().key(), LinkedHashMap::new,
                Collectors.toList()));
        byProduct.forEach((product, budgets) -> {
            yaml.append("  ").append(product).append(":\n");
            for (RateLimit b : budgets) {
                expected.putIfAbsent(b, 1 + expected.size());
                yaml.append("    ").append(b.name()).append(": ").append(expected.get(b)).append('\n');
            }
        });

        Limits limits = new ConfigLoader(Map.<String, String>of()::get).parse(yaml.toString(), Path.of("/srv/rekey")).limits();

        expected.forEach((b, value) -> assertEquals(value, limits.get(b.product(), b.name(), -1), b.toString()));
    }

    @Test
    void theConfigurationAcceptsNoRateNameThatNoRouteReads() {
        long names = BUDGETS.stream().map(b -> b.product().key() + "/" + b.name()).distinct().count();
        long accepted = Arrays.stream(ConfigFile.LimitsSection.class.getRecordComponents())
                .map(RecordComponent::getType)
                .mapToLong(product -> Arrays.stream(product.getRecordComponents())
                        .filter(c -> !c.getName().equals("lockMinutes")).count())
                .sum();
        assertEquals(names, accepted);
    }
}
