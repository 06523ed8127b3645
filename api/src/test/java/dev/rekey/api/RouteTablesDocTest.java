package dev.rekey.api;

import dev.rekey.api.aliyun.AliyunRedisRoute;
import dev.rekey.api.huawei.DcsRoute;
import dev.rekey.api.tencent.TencentCvmRoute;
import dev.rekey.api.tencent.TencentRedisRoute;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/coverage.md lists exactly the actions the route tables serve: its "Route tables" section is rendered from the
 * route enums, and this test fails when the two diverge. {@code -Drekey.regenerate=true} writes the section anew.
 */
class RouteTablesDocTest {
    static final Path COVERAGE = Path.of("..", "docs", "coverage.md");
    static final String BEGIN = "<!-- route tables: rendered from the route enums by RouteTablesDocTest; do not edit by hand -->";
    static final String END = "<!-- end of route tables -->";

    /** Every product's route enum: what the composition root binds, one RouteTable each. */
    static final List<RouteSpec<?>[]> TABLES = List.of(TencentRedisRoute.values(), TencentCvmRoute.values(),
            AliyunRedisRoute.values(), DcsRoute.values());

    @Test
    void theCoverageDocumentListsExactlyTheActionsOfTheRouteTables() throws IOException {
        String doc = Files.readString(COVERAGE);
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "docs/coverage.md has no section between " + BEGIN + " and " + END);
        String rendered = render();
        if (Boolean.getBoolean("rekey.regenerate")) {
            Files.writeString(COVERAGE, doc.substring(0, begin) + rendered + doc.substring(end));
            return;
        }
        assertEquals(rendered, doc.substring(begin, end), "the route tables changed: run this test with"
                + " -Drekey.regenerate=true to write docs/coverage.md anew, and review the diff");
    }

    static String render() {
        var out = new StringBuilder(BEGIN).append("\n\n");
        out.append("| product | version | action | parameters | budget: `limits:` name, default per second, shared by"
                + " | answers | audited |\n|---|---|---|---|---|---|---|\n");
        for (RouteSpec<?>[] table : TABLES) {
            for (RouteSpec<?> route : table) out.append(row(route)).append('\n');
        }
        return out.append('\n').toString();
    }

    private static String row(RouteSpec<?> r) {
        String action = r instanceof DcsRoute dcs
                ? "`" + r.action() + "`: `" + dcs.method() + " " + dcs.path() + "`" : "`" + r.action() + "`";
        return "| `" + r.product().key() + "` | " + r.version() + " | " + action + " | " + parameters(r) + " | "
                + budget(r.rateLimit()) + " | " + answers(r) + " | " + (r.mutates() ? "yes" : "no") + " |";
    }

    private static String parameters(RouteSpec<?> r) {
        List<String> read = new ArrayList<>();
        List<String> asSent = new ArrayList<>();
        for (Param p : r.schema()) {
            if (p.type() == Param.Type.ANY) asSent.add(p.name());
            else read.add(p.describe());
        }
        String typed = String.join(", ", read);
        if (asSent.isEmpty()) return typed.isEmpty() ? "none" : typed;
        return typed + (typed.isEmpty() ? "" : "; ") + "taken as sent: " + String.join(", ", asSent);
    }

    private static String budget(RateLimit limit) {
        return switch (limit.scope()) {
            case NONE -> "none";
            case TENANT -> "`" + limit.name() + "`, " + limit.defaultPerSecond() + ", every action of the tenant";
            case ACTION -> "`" + limit.name() + "`, " + limit.defaultPerSecond() + ", the tenant";
            case ACTION_AND_REGION -> "`" + limit.name() + "`, " + limit.defaultPerSecond() + ", the tenant in one region";
        };
    }

    private static String answers(RouteSpec<?> r) {
        if (!r.mutates()) return "at once";
        return switch (r.mode()) {
            case ASYNC -> "once accepted";
            case SYNC -> "once applied (at most " + r.mode().maxWait().toSeconds() + " s)";
        };
    }

    /** Every action name the tables serve, for the prose checks below. */
    static List<String> actions() {
        return TABLES.stream().flatMap(Stream::of).map(RouteSpec::action).distinct().collect(Collectors.toList());
    }

    @Test
    void everyActionTheRouteTablesServeIsNamedInTheDocumentsProseToo() throws IOException {
        String doc = Files.readString(COVERAGE);
        String prose = doc.substring(0, doc.indexOf(BEGIN)) + doc.substring(doc.indexOf(END));
        for (String action : actions()) assertTrue(prose.contains(action), action + " is served but not described");
    }
}
