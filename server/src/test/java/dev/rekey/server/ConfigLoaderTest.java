package dev.rekey.server;

import dev.rekey.core.Cloud;
import dev.rekey.core.Product;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {
    private static final Path BASE = Path.of("/srv/rekey");
    private final ConfigLoader loader = new ConfigLoader(Map.of("REKEY_ADMIN_PW", "adminpw")::get);

    private static final String FULL = """
            server: { port: 8080, data: ./data }
            store:  { url: "jdbc:h2:file:./data/rekey" }
            tenants:
              - name: acme
                tencent: { secret-id: AKIDEXAMPLE, secret-key: SECRETEXAMPLE }
                aliyun:  { access-key-id: testid, access-key-secret: testsecret }
                huawei:  { ak: AKEXAMPLE, sk: SKEXAMPLE, project-id: 0123456789abcdef0123456789abcdef }
            instances:
              - id: crs-a1b2c3d4
                tenant: acme
                product: tencent-redis
                region: ap-guangzhou
                name: orders-cache
                engine: { kind: redis, spawn: true, password: "Initial#Pass1" }
              - id: crs-e5f6g7h8
                tenant: acme
                product: tencent-redis
                engine: { kind: redis, host: 127.0.0.1, port: 7001, admin-user: rekey-admin, admin-password-env: REKEY_ADMIN_PW }
            limits:
              tencent-redis: { ModifyInstancePassword: 20 }
            """;

    @Test
    void theIssueExampleLoadsWithPathsResolvedAgainstTheFileFolder() {
        RekeyConfig c = loader.parse(FULL, BASE);
        assertEquals(Path.of("/srv/rekey/data"), c.data());
        assertEquals("jdbc:h2:file:/srv/rekey/data/rekey", c.storeUrl());
        assertEquals(3, c.credentials().size());
        assertEquals(Cloud.HUAWEI, c.credentials().get(2).cloud());
        assertEquals(2, c.instances().size());
        assertEquals(Product.TENCENT_REDIS, c.instances().get(1).product());
        assertTrue(c.instances().get(1).engine().adminPassword().sameAs(dev.rekey.core.Secret.of("adminpw")));
        assertEquals(20, c.limits().get(Product.TENCENT_REDIS, "ModifyInstancePassword", 0));
    }

    @Test
    void anUnknownKeyIsNamedWithItsLine() {
        var e = assertThrows(ConfigException.class, () -> loader.parse(FULL.replace("region: ap-guangzhou", "regoin: ap-guangzhou"), BASE));
        assertTrue(e.getMessage().contains("instances[0].regoin"), e.getMessage());
        assertTrue(e.getMessage().contains("line 12"), e.getMessage());
    }

    @Test
    void aWrongTypeIsNamedWithItsLine() {
        var e = assertThrows(ConfigException.class, () -> loader.parse(FULL.replace("port: 7001", "port: seven"), BASE));
        assertTrue(e.getMessage().contains("instances[1].engine.port"), e.getMessage());
        assertTrue(e.getMessage().contains("line 18"), e.getMessage());
    }

    @Test
    void aMissingEnvironmentVariableIsNamed() {
        var e = assertThrows(ConfigException.class, () -> new ConfigLoader(k -> null).parse(FULL, BASE));
        assertTrue(e.getMessage().contains("REKEY_ADMIN_PW"), e.getMessage());
    }

    @Test
    void anUnknownProductOrTenantIsRefused() {
        assertTrue(assertThrows(ConfigException.class, () -> loader.parse(FULL.replace("product: tencent-redis\n    region", "product: tencent-mysql\n    region"), BASE))
                .getMessage().contains("tencent-mysql"));
        assertTrue(assertThrows(ConfigException.class, () -> loader.parse(FULL.replace("tenant: acme\n    product: tencent-redis\n    region", "tenant: nobody\n    product: tencent-redis\n    region"), BASE))
                .getMessage().contains("nobody"));
    }

    @Test
    void dataOverrideMovesTheDefaultStoreToo() {
        RekeyConfig c = loader.parse("server: { data: ./d }\n", BASE).withOverrides(0, Path.of("/tmp/other"));
        assertEquals("jdbc:h2:file:/tmp/other/rekey", c.storeUrl());
        assertEquals(0, c.port());
    }
}
