package dev.rekey.it.huawei;

import com.huaweicloud.sdk.dcs.v2.DcsClient;
import com.huaweicloud.sdk.dcs.v2.model.ShowInstanceResponse;
import dev.rekey.server.RedisCli;
import dev.rekey.server.UpgradeFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import static dev.rekey.it.huawei.Dcs.change;
import static dev.rekey.it.huawei.Dcs.show;
import static dev.rekey.it.huawei.Dcs.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Huawei part of the upgrade fixture, run only by {@code scripts/make-upgrade-fixture.sh} against its running
 * {@code rekey serve}: three wrong old passwords counted on the DCS Redis, one change on the DCS Memcached.
 */
@EnabledIfSystemProperty(named = "rekey.fixture.work", matches = ".+")
class ReleaseOneDcsScenario {
    static final String REDIS = "5e1ea5e1-0000-4000-8000-00000000d001";
    static final String MEMCACHED = "5e1ea5e1-0000-4000-8000-00000000d002";

    @Test
    void dcs() throws Exception {
        String endpoint = Objects.requireNonNull(System.getProperty("rekey.fixture.endpoint"), "rekey.fixture.endpoint");
        DcsClient dcs = Dcs.client(endpoint, Dcs.AK, Dcs.SK, Dcs.PROJECT);
        Map<String, String> facts = new TreeMap<>();

        String answer = "";
        var neverSet = new ArrayList<String>();
        for (int left = 4; left >= 2; left--) {
            neverSet.add("Never#Set" + left);
            answer = summary(change(dcs, REDIS, "Wrong#Pass" + left, "Never#Set" + left));
            assertEquals("passwordFailed " + left + " 5 5", answer);
        }
        ShowInstanceResponse redis = show(dcs, REDIS);
        assertTrue(RedisCli.accepts(redis.getIp(), redis.getPort(), "Dcs#Redis1"));
        for (String never : neverSet) assertFalse(RedisCli.accepts(redis.getIp(), redis.getPort(), never));
        facts.put("huawei-dcs-redis.id", REDIS);
        facts.put("huawei-dcs-redis.name", redis.getName());
        facts.put("huawei-dcs-redis.status", redis.getStatus());
        facts.put("huawei-dcs-redis.password", "Dcs#Redis1");
        facts.put("huawei-dcs-redis.password.refused", String.join(",", neverSet));
        facts.put("huawei-dcs-redis.lockout-failures", "3");
        facts.put("huawei-dcs-redis.locked", "false");
        facts.put("huawei-dcs-redis.third-wrong-answer", answer);
        facts.put("huawei-dcs-redis.fourth-wrong-answer", "passwordFailed 1 5 5");

        assertEquals("success 5 0 0", summary(change(dcs, MEMCACHED, "Memc#Pass1", "Memc#Pass2")));
        ShowInstanceResponse memcached = show(dcs, MEMCACHED);
        assertTrue(Memcached.accepts(memcached.getIp(), memcached.getPort(), "cacheuser", "Memc#Pass2"));
        assertFalse(Memcached.accepts(memcached.getIp(), memcached.getPort(), "cacheuser", "Memc#Pass1"));
        facts.put("huawei-dcs-memcached.id", MEMCACHED);
        facts.put("huawei-dcs-memcached.name", memcached.getName());
        facts.put("huawei-dcs-memcached.status", memcached.getStatus());
        facts.put("huawei-dcs-memcached.user", "cacheuser");
        facts.put("huawei-dcs-memcached.password", "Memc#Pass2");
        facts.put("huawei-dcs-memcached.password.refused", "Memc#Pass1");

        Path work = Path.of(System.getProperty("rekey.fixture.work"));
        UpgradeFixture.writeFacts(work.resolve("facts/huawei.properties"), facts);
    }
}
