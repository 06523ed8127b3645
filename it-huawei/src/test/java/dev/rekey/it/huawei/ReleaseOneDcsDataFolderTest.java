package dev.rekey.it.huawei;

import com.huaweicloud.sdk.dcs.v2.DcsClient;
import com.huaweicloud.sdk.dcs.v2.model.ShowInstanceResponse;
import dev.rekey.server.RedisCli;
import dev.rekey.server.TestRekey;
import dev.rekey.server.UpgradeFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.rekey.it.huawei.Dcs.change;
import static dev.rekey.it.huawei.Dcs.show;
import static dev.rekey.it.huawei.Dcs.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Huawei facts of release-1's data folder (server's src/test/resources/upgrade/release-1, see EXPECTED.md) read back
 * through the official DCS SDK once the code under test has started on a copy of it: the changed Memcached password,
 * and the three wrong old passwords still counted on the DCS Redis.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReleaseOneDcsDataFolderTest {
    static final UpgradeFixture FIXTURE = UpgradeFixture.releaseOne();
    static final String REDIS = FIXTURE.expect("huawei-dcs-redis.id");
    static final String MEMCACHED = FIXTURE.expect("huawei-dcs-memcached.id");

    @TempDir
    static Path dir;
    static TestRekey rekey;
    static DcsClient dcs;

    @BeforeAll
    static void start() throws Exception {
        rekey = FIXTURE.start(dir);
        dcs = Dcs.client(rekey);
    }

    @AfterAll
    static void stop() {
        if (rekey != null) rekey.close();
    }

    @Test
    @Order(1)
    void bothInstancesShowAsTheyWereLeftAndTheirEnginesHoldTheirPasswords() throws Exception {
        ShowInstanceResponse redis = show(dcs, REDIS);
        assertEquals(FIXTURE.expect("huawei-dcs-redis.name"), redis.getName());
        assertEquals(FIXTURE.expect("huawei-dcs-redis.status"), redis.getStatus());
        assertTrue(RedisCli.accepts(redis.getIp(), redis.getPort(), FIXTURE.expect("huawei-dcs-redis.password")));
        for (String never : FIXTURE.expect("huawei-dcs-redis.password.refused").split(",")) {
            assertFalse(RedisCli.accepts(redis.getIp(), redis.getPort(), never), "the refused changes never took: " + never);
        }

        ShowInstanceResponse memcached = show(dcs, MEMCACHED);
        assertEquals(FIXTURE.expect("huawei-dcs-memcached.name"), memcached.getName());
        assertEquals(FIXTURE.expect("huawei-dcs-memcached.status"), memcached.getStatus());
        String user = FIXTURE.expect("huawei-dcs-memcached.user");
        assertTrue(Memcached.accepts(memcached.getIp(), memcached.getPort(), user, FIXTURE.expect("huawei-dcs-memcached.password")));
        assertFalse(Memcached.accepts(memcached.getIp(), memcached.getPort(), user, FIXTURE.expect("huawei-dcs-memcached.password.refused")));
    }

    @Test
    @Order(2)
    void theThreeWrongOldPasswordsAreStillCountedSoAFourthLeavesOneAttempt() throws Exception {
        assertEquals("3", FIXTURE.expect("huawei-dcs-redis.lockout-failures"));
        assertEquals(FIXTURE.expect("huawei-dcs-redis.fourth-wrong-answer"), summary(change(dcs, REDIS, "Wrong#Pass1", "Never#Set1")));
        ShowInstanceResponse redis = show(dcs, REDIS);
        assertTrue(RedisCli.accepts(redis.getIp(), redis.getPort(), FIXTURE.expect("huawei-dcs-redis.password")), "nothing changed");
    }
}
