package dev.rekey.it.aliyun;

import com.aliyun.r_kvstore20150101.models.DescribeInstanceAttributeRequest;
import dev.rekey.server.TestRekey;
import dev.rekey.server.UpgradeFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.rekey.it.aliyun.AliyunFixture.redisAccepts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Aliyun facts of release-1's data folder (server's src/test/resources/upgrade/release-1, see EXPECTED.md) read back
 * through the official SDK once the code under test has started on a copy of it.
 */
class ReleaseOneAliyunDataFolderTest {
    static final UpgradeFixture FIXTURE = UpgradeFixture.releaseOne();

    @TempDir
    Path dir;

    @Test
    void theRenamedProtectedInstanceKeepsItsNameProtectionAndChangedPassword() throws Exception {
        try (TestRekey rekey = FIXTURE.start(dir)) {
            var client = AliyunFixture.tea(rekey, AliyunFixture.KEY_ID, AliyunFixture.SECRET, null);
            var i = client.describeInstanceAttribute(new DescribeInstanceAttributeRequest()
                    .setInstanceId(FIXTURE.expect("aliyun-redis.id"))).getBody().getInstances().getDBInstanceAttribute().getFirst();
            assertEquals(FIXTURE.expect("aliyun-redis.name"), i.getInstanceName());
            assertEquals(FIXTURE.expect("aliyun-redis.release-protection"), i.getInstanceReleaseProtection().toString());
            assertEquals(FIXTURE.expect("aliyun-redis.status"), i.getInstanceStatus());
            assertTrue(redisAccepts(i.getConnectionDomain(), i.getPort(), FIXTURE.expect("aliyun-redis.password")));
            assertFalse(redisAccepts(i.getConnectionDomain(), i.getPort(), FIXTURE.expect("aliyun-redis.password.refused")));
        }
    }
}
