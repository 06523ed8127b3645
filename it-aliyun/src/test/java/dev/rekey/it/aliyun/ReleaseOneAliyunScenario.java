package dev.rekey.it.aliyun;

import com.aliyun.r_kvstore20150101.Client;
import com.aliyun.r_kvstore20150101.models.DescribeInstanceAttributeRequest;
import com.aliyun.r_kvstore20150101.models.DescribeInstanceAttributeResponseBody.DescribeInstanceAttributeResponseBodyInstancesDBInstanceAttribute;
import com.aliyun.r_kvstore20150101.models.ModifyInstanceAttributeRequest;
import dev.rekey.server.UpgradeFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import static dev.rekey.it.aliyun.AliyunFixture.redisAccepts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Aliyun part of the upgrade fixture, run only by {@code scripts/make-upgrade-fixture.sh} against its running
 * {@code rekey serve}: a rename with release protection on, then a password change, both by ModifyInstanceAttribute.
 */
@EnabledIfSystemProperty(named = "rekey.fixture.work", matches = ".+")
class ReleaseOneAliyunScenario {
    static final String INSTANCE = "r-bp1upgrade1";
    static final String NAME = "sessions-cache-v2";
    static final String PASSWORD = "Aliyun#Pass2";

    @Test
    void aliyun() throws Exception {
        String endpoint = Objects.requireNonNull(System.getProperty("rekey.fixture.endpoint"), "rekey.fixture.endpoint");
        Client client = AliyunFixture.tea(endpoint, AliyunFixture.KEY_ID, AliyunFixture.SECRET, null);
        client.modifyInstanceAttribute(new ModifyInstanceAttributeRequest().setInstanceId(INSTANCE)
                .setInstanceName(NAME).setInstanceReleaseProtection(true));
        client.modifyInstanceAttribute(new ModifyInstanceAttributeRequest().setInstanceId(INSTANCE).setNewPassword(PASSWORD));
        var i = awaitNormal(client);
        assertEquals(NAME, i.getInstanceName());
        assertTrue(i.getInstanceReleaseProtection());
        assertTrue(redisAccepts(i.getConnectionDomain(), i.getPort(), PASSWORD));
        assertFalse(redisAccepts(i.getConnectionDomain(), i.getPort(), AliyunFixture.INITIAL));

        Map<String, String> facts = new TreeMap<>();
        facts.put("aliyun-redis.id", INSTANCE);
        facts.put("aliyun-redis.name", i.getInstanceName());
        facts.put("aliyun-redis.release-protection", i.getInstanceReleaseProtection().toString());
        facts.put("aliyun-redis.status", i.getInstanceStatus());
        facts.put("aliyun-redis.password", PASSWORD);
        facts.put("aliyun-redis.password.refused", AliyunFixture.INITIAL);
        Path work = Path.of(System.getProperty("rekey.fixture.work"));
        UpgradeFixture.writeFacts(work.resolve("facts/aliyun.properties"), facts);
    }

    /** The password change answers once accepted; the instance shows Changing until the engine has verified it. */
    static DescribeInstanceAttributeResponseBodyInstancesDBInstanceAttribute awaitNormal(Client client) throws Exception {
        for (int n = 0; n < 500; n++) {
            var i = client.describeInstanceAttribute(new DescribeInstanceAttributeRequest().setInstanceId(INSTANCE))
                    .getBody().getInstances().getDBInstanceAttribute().getFirst();
            if (i.getInstanceStatus().equals("Normal")) return i;
            Thread.sleep(10);
        }
        throw new AssertionError(INSTANCE + " did not become Normal");
    }
}
