package dev.rekey.server;

import dev.rekey.core.Cloud;
import dev.rekey.core.CvmInstanceState;
import dev.rekey.core.Product;
import dev.rekey.core.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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

    /** A tenant on lines 1-3 and the head of one instance on lines 4-7; a test appends the rest from line 8. */
    private static final String ONE_INSTANCE = """
            tenants:
              - name: acme
                tencent: { secret-id: AKIDEXAMPLE, secret-key: SECRETEXAMPLE }
            instances:
              - id: ins-00000001
                tenant: acme
                product: %s
            """;

    private static final String REDIS = ONE_INSTANCE.formatted("tencent-redis");
    private static final String CVM = ONE_INSTANCE.formatted("tencent-cvm");

    @Test
    void theIssueExampleLoadsWithPathsResolvedAgainstTheFileFolder() {
        RekeyConfig c = loader.parse(FULL, BASE);
        assertEquals(Path.of("/srv/rekey/data"), c.data());
        assertEquals("jdbc:h2:file:/srv/rekey/data/rekey", c.storeUrl());
        assertEquals(3, c.credentials().size());
        assertEquals(Cloud.HUAWEI, c.credentials().get(2).cloud());
        assertEquals(2, c.instances().size());
        assertEquals(Product.TENCENT_REDIS, c.instances().get(1).product());
        assertTrue(c.instances().get(1).engine().adminPassword().sameAs(Secret.of("adminpw")));
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

    @Test
    void theWholeReadmeExampleLoads() {
        RekeyConfig c = loader.parse(README, BASE);
        assertEquals(6, c.instances().size());
        var cvm = c.instances().get(2);
        assertEquals(RekeyConfig.Os.LINUX, cvm.os());
        assertEquals("ubuntu-22.04", cvm.image());
        assertEquals(java.util.List.of("root", "ubuntu"), cvm.engine().users());
        assertEquals(Map.of("os", "linux", "image", "ubuntu-22.04"), cvm.extra());
        assertEquals(CvmInstanceState.RUNNING, c.instances().get(3).state());
        assertEquals("cacheuser", c.instances().get(4).engine().user());
        assertEquals(20, c.limits().get(Product.TENCENT_REDIS, "ResetPassword", 0));
        assertEquals(100, c.limits().get(Product.ALIYUN_REDIS, "requests-per-second", 0));
        assertEquals(10, c.limits().get(Product.TENCENT_CVM, "ResetInstancesPassword", 0));
        assertEquals(5, c.limits().get(Product.HUAWEI_DCS, "lock-minutes", 0));
        assertEquals(20, c.limits().get(Product.HUAWEI_DCS, "ListInstances", 0));
        assertEquals("jdbc:postgresql://127.0.0.1:5432/rekey?user=postgres", c.storeUrl());
        assertEquals(Path.of("/etc/rekey/master.key"), c.keyFile());
        assertEquals(30, c.taskLeaseSeconds());
    }

    @Test
    void theDemoConfigurationLoads() throws java.io.IOException {
        try (var in = Main.class.getResourceAsStream("demo.yaml")) {
            RekeyConfig c = loader.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), BASE);
            assertEquals(6, c.instances().size());
            assertEquals(3, c.credentials().size());
            assertEquals(8081, c.admin().port(), "the demo serves the admin API and the metrics");
        }
    }

    @Test
    void absentSectionsTakeTheirDefaults() {
        RekeyConfig c = loader.parse("# nothing but a comment\n", BASE);
        assertEquals("127.0.0.1", c.bind());
        assertEquals(8080, c.port());
        assertEquals(Path.of("/srv/rekey/data"), c.data());
        assertEquals("jdbc:h2:file:/srv/rekey/data/rekey", c.storeUrl());
        assertNull(c.keyFile());
        assertEquals(30, c.taskLeaseSeconds());
        assertEquals(16, c.storePoolSize());
        assertEquals(Duration.ofSeconds(2), c.engineTimeout());
        assertEquals(LogFormat.TEXT, c.logFormat());
        assertTrue(c.credentials().isEmpty());
        assertTrue(c.instances().isEmpty());
        assertEquals(20, c.limits().get(Product.TENCENT_REDIS, "ModifyInstancePassword", 20));
    }

    @Test
    void theNewServerStoreAndEngineKeysAreRead() {
        RekeyConfig c = loader.parse("""
                server: { bind: 0.0.0.0, port: 0, log: json }
                store: { pool-size: 40, task-lease-seconds: 12, key-file: keys/master.key }
                engines: { timeout: 500ms }
                """, BASE);
        assertEquals("0.0.0.0", c.bind());
        assertEquals(LogFormat.JSON, c.logFormat());
        assertEquals(40, c.storePoolSize());
        assertEquals(12, c.taskLeaseSeconds());
        assertEquals(Path.of("/srv/rekey/keys/master.key"), c.keyFile());
        assertEquals(Duration.ofMillis(500), c.engineTimeout());
    }

    @Test
    void theAdminApiIsOffUnlessAnAdminPortIsGiven() {
        RekeyConfig none = loader.parse("server: { port: 1 }\n", BASE);
        assertFalse(none.admin().enabled());
        assertEquals(Path.of("/srv/rekey/data/admin.token"), none.adminTokenFile());
        RekeyConfig c = loader.parse("server: { admin-port: 0, admin-bind: 0.0.0.0, admin-token-file: secrets/admin.token }\n", BASE);
        assertTrue(c.admin().enabled());
        assertEquals(0, c.admin().port());
        assertEquals("0.0.0.0", c.admin().bind());
        assertEquals(Path.of("/srv/rekey/secrets/admin.token"), c.adminTokenFile(), "resolved against the file's folder");
        assertEquals("127.0.0.1", loader.parse("server: { admin-port: 9090 }\n", BASE).admin().bind());
        assertEquals(9191, none.withAdminPort(9191).admin().port(), "--admin-port turns it on");
        assertEquals(9090, loader.parse("server: { admin-port: 9090 }\n", BASE).withAdminPort(null).admin().port());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            server: { admin-port: 70000 }        | server.admin-port (line 1): must be 0 to 65535 (0 picks a free port), not 70000
            server: { admin-port: "x" }          | server.admin-port (line 1): must be a whole number
            server: { admin-bind: "" }           | server.admin-bind (line 1): is required
            server: { admin-token-file: " " }    | server.admin-token-file (line 1): is required
            """)
    void aBadAdminKeyIsRefusedWithItsLine(String yaml, String expected) {
        assertEquals(expected, error(yaml));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            500ms | 500
            2s    | 2000
            1m    | 60000
            60s   | 60000
            """)
    void anEngineTimeoutIsANumberWithItsUnit(String timeout, long millis) {
        assertEquals(Duration.ofMillis(millis), loader.parse("engines: { timeout: " + timeout + " }\n", BASE).engineTimeout());
    }

    @Test
    void thePortAndDataGivenOnTheCommandLineWin() {
        RekeyConfig fromFile = loader.parse("server: { port: 9000, data: /var/lib/rekey }\n", BASE);
        assertEquals(9000, fromFile.withOverrides(null, null).port());
        assertEquals(Path.of("/var/lib/rekey"), fromFile.withOverrides(null, null).data());
        RekeyConfig overridden = fromFile.withOverrides(9100, Path.of("/tmp/node-b"));
        assertEquals(9100, overridden.port());
        assertEquals(Path.of("/tmp/node-b"), overridden.data());
        assertEquals(Path.of("/srv/rekey/data"), loader.parse("server: { port: 1 }\n", BASE).data());
    }

    @Test
    void aStoreUrlOfItsOwnStaysWhenTheDataFolderMoves() {
        RekeyConfig c = loader.parse("store: { url: \"jdbc:postgresql://127.0.0.1:5432/rekey?user=postgres\" }\n", BASE)
                .withOverrides(null, Path.of("/tmp/other"));
        assertEquals("jdbc:postgresql://127.0.0.1:5432/rekey?user=postgres", c.storeUrl());
    }

    /** Each case: the file, then the start of the message (the key path and its line) and a part of the reason. */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            servr: { port: 1 }                                      | servr (line 1): unknown key 'servr'          | allowed here: engines, instances, limits, server, store, tenants
            server: { prot: 1 }                                     | server.prot (line 1): unknown key 'prot'     | allowed here: admin-bind, admin-port, admin-token-file, bind, data, log, port
            store: { pool_size: 3 }                                 | store.pool_size (line 1)                     | allowed here: key-file, pool-size, task-lease-seconds, url
            engines: { timout: 2s }                                 | engines.timout (line 1)                      | allowed here: timeout
            tenants: [ { name: a, tencnet: {} } ]                   | tenants[0].tencnet (line 1)                  | allowed here: aliyun, huawei, name, tencent
            tenants: [ { name: a, tencent: { secret_id: x } } ]     | tenants[0].tencent.secret_id (line 1)        | allowed here: secret-id, secret-key
            tenants: [ { name: a, aliyun: { access-key: x } } ]     | tenants[0].aliyun.access-key (line 1)        | allowed here: access-key-id, access-key-secret
            tenants: [ { name: a, huawei: { project: x } } ]        | tenants[0].huawei.project (line 1)           | allowed here: ak, project-id, sk
            limits: { tencent-mysql: { X: 1 } }                     | limits.tencent-mysql (line 1)                | allowed here: aliyun-redis, huawei-dcs, tencent-cvm, tencent-redis
            limits: { tencent-cvm: { ResetInstancePassword: 1 } }   | limits.tencent-cvm.ResetInstancePassword (line 1) | allowed here: DescribeInstances, DescribeInstancesStatus, ResetInstancesPassword, StartInstances, StopInstances
            limits: { aliyun-redis: { requests-per-minute: 1 } }    | limits.aliyun-redis.requests-per-minute (line 1) | allowed here: requests-per-second
            limits: { huawei-dcs: { lock_minutes: 1 } }             | limits.huawei-dcs.lock_minutes (line 1)      | allowed here: ListInstances, ResetPassword, ShowInstance, UpdatePassword, lock-minutes
            """)
    void anUnknownKeyInAnySectionIsRefusedWithTheKeysAllowedThere(String yaml, String where, String allowed) {
        String message = error(yaml);
        assertTrue(message.startsWith(where), message);
        assertTrue(message.contains(allowed), message);
    }

    @Test
    void aMisspeltLimitIsRefusedWithItsLineAndTheValidNames() {
        String message = error("""
                server: { port: 8080 }
                limits:
                  tencent-redis: { ModifyInstancePasword: 5 }
                """);
        assertEquals("limits.tencent-redis.ModifyInstancePasword (line 3): unknown key 'ModifyInstancePasword' "
                + "(allowed here: ModifyInstancePassword, ResetPassword)", message);
    }

    @Test
    void unknownKeysOfAnInstanceAndItsEngineAreRefused() {
        assertTrue(error(REDIS + "    engine: { kind: redis, spawn: true, password: x, pasword: y }\n")
                .startsWith("instances[0].engine.pasword (line 8): unknown key 'pasword' (allowed here: admin-password-env, "
                        + "admin-user, channel, host, kind, nodes, overlap, password, port, replicas, sentinels, shards, spawn, "
                        + "user, users)"), error(REDIS + "    engine: { kind: redis, spawn: true, password: x, pasword: y }\n"));
        assertTrue(error(REDIS + "    engine: { kind: redis, spawn: true, password: x }\n    colour: blue\n")
                .startsWith("instances[0].colour (line 9): unknown key 'colour' (allowed here: engine, engine-version, id, image, "
                        + "name, os, product, region, state, tenant, user)"));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            server: { port: "8080" }                | server.port (line 1): must be a whole number
            server: { port: 80.5 }                  | server.port (line 1): must be a whole number
            server: { port: 99999999999 }           | server.port (line 1): is too large a number
            server: [ 8080 ]                        | server (line 1): must be a mapping of keys to values
            server: { data: [ a, b ] }              | server.data (line 1): must be a text value
            store: { pool-size: sixteen }           | store.pool-size (line 1): must be a whole number
            store: { task-lease-seconds: "30" }     | store.task-lease-seconds (line 1): must be a whole number
            tenants: { name: acme }                 | tenants (line 1): must be a list
            tenants: [ { name: a }, ~ ]             | tenants[1] (line 1): an entry is empty
            limits: { aliyun-redis: { requests-per-second: many } } | limits.aliyun-redis.requests-per-second (line 1): must be a whole number
            limits: { tencent-redis: 20 }           | limits.tencent-redis (line 1): must be a mapping of keys to values
            just text                               | line 1: must be a mapping of keys to values
            """)
    void aValueOfTheWrongTypeIsRefused(String yaml, String expected) {
        assertEquals(expected, error(yaml));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            engine: { kind: redis, spawn: 1, password: x }              | instances[0].engine.spawn (line 8): must be true or false
            engine: { kind: redis, spawn: "true", password: x }         | instances[0].engine.spawn (line 8): must be true or false
            engine: { kind: redis, spawn: true, password: [ x ] }       | instances[0].engine.password (line 8): must be a text value
            engine: { kind: redis, spawn: true, password: x, users: root } | instances[0].engine.users (line 8): must be a list
            engine: { kind: [ redis ], spawn: true, password: x }       | instances[0].engine.kind (line 8): must be one of redis, redis-cluster, memcached, guest
            engine: { kind: mysql, spawn: true, password: x }           | instances[0].engine.kind (line 8): must be one of redis, redis-cluster, memcached, guest, not 'mysql'
            engine: redis                                               | instances[0].engine (line 8): must be a mapping of keys to values
            """)
    void anEngineValueOfTheWrongTypeIsRefused(String engine, String expected) {
        assertEquals(expected, error(REDIS + "    " + engine + "\n"));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            engines: { timeout: 2 }           | engines.timeout (line 1): must be a duration with its unit, such as 500ms, 2s or 1m, not '2'
            engines: { timeout: 2 seconds }   | engines.timeout (line 1): must be a duration with its unit, such as 500ms, 2s or 1m, not '2 seconds'
            engines: { timeout: -1s }         | engines.timeout (line 1): must be a duration with its unit, such as 500ms, 2s or 1m, not '-1s'
            engines: { timeout: 1.5s }        | engines.timeout (line 1): must be a duration with its unit, such as 500ms, 2s or 1m, not '1.5s'
            engines: { timeout: [ 2s ] }      | engines.timeout (line 1): must be a duration with its unit, such as 500ms, 2s or 1m
            engines: { timeout: 0ms }         | engines.timeout (line 1): must be more than 0 and at most 60s, not 0ms
            engines: { timeout: 61s }         | engines.timeout (line 1): must be more than 0 and at most 60s, not 61000ms
            engines: { timeout: 2m }          | engines.timeout (line 1): must be more than 0 and at most 60s, not 120000ms
            """)
    void aBadEngineTimeoutIsRefused(String yaml, String expected) {
        assertEquals(expected, error(yaml));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            store: { pool-size: 0 }                  | store.pool-size (line 1): must be 1 to 200 (connections to the store), not 0
            store: { pool-size: 201 }                | store.pool-size (line 1): must be 1 to 200 (connections to the store), not 201
            store: { task-lease-seconds: 1 }         | store.task-lease-seconds (line 1): must be 2 to 3600
            store: { task-lease-seconds: 3601 }      | store.task-lease-seconds (line 1): must be 2 to 3600
            store: { url: "mysql://db/rekey" }       | store.url (line 1): must be a jdbc:h2: or jdbc:postgresql: URL
            server: { port: 65536 }                  | server.port (line 1): must be 0 to 65535 (0 picks a free port), not 65536
            server: { port: -1 }                     | server.port (line 1): must be 0 to 65535
            server: { log: xml }                     | server.log (line 1): must be one of text, json, not 'xml'
            limits: { tencent-redis: { ResetPassword: -1 } } | limits.tencent-redis.ResetPassword (line 1): must not be negative
            limits: { huawei-dcs: { lock-minutes: 6 } }      | limits.huawei-dcs.lock-minutes (line 1): must be 0 to 5 (the range DCS documents for lock_time), not 6
            """)
    void aValueOutOfItsRangeIsRefused(String yaml, String expected) {
        assertTrue(error(yaml).startsWith(expected), error(yaml));
    }

    @Test
    void theLogFormatIgnoresCase() {
        assertEquals(LogFormat.JSON, loader.parse("server: { log: JSON }\n", BASE).logFormat());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            tenants: [ { tencent: { secret-id: a, secret-key: b } } ]           | tenants[0].name (line 1): is required
            tenants: [ { name: acme, tencent: { secret-id: a } } ]              | tenants[0].tencent.secret-key (line 1): is required
            tenants: [ { name: acme, aliyun: { access-key-secret: s } } ]       | tenants[0].aliyun.access-key-id (line 1): is required
            tenants: [ { name: acme, huawei: { ak: a, sk: "" } } ]              | tenants[0].huawei.sk (line 1): is required
            tenants: [ { name: acme, huawei: { ak: a, sk: s } } ]               | tenants[0].huawei.project-id (line 1): is required
            """)
    void aMissingTenantKeyIsNamed(String yaml, String expected) {
        assertEquals(expected, error(yaml));
    }

    @Test
    void aMissingInstanceKeyIsNamedAtTheLineOfItsEntry() {
        String tenant = "tenants: [ { name: acme } ]\ninstances:\n";
        assertEquals("instances[0].id (line 3): is required", error(tenant + "  - tenant: acme\n    product: tencent-redis\n"));
        assertEquals("instances[0].tenant (line 3): is required", error(tenant + "  - id: a\n    product: tencent-redis\n"));
        assertEquals("instances[0].product (line 3): is required", error(tenant + "  - id: a\n    tenant: acme\n"));
        assertEquals("instances[0].engine (line 5): is required", error(REDIS));
        assertEquals("instances[0].engine.kind (line 8): is required", error(REDIS + "    engine: { spawn: true, password: x }\n"));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            tencent-mysql    | instances[0].product (line 7): must be one of tencent-redis, tencent-cvm, aliyun-redis, huawei-dcs, not 'tencent-mysql'
            TENCENT-REDIS    | ok
            """)
    void theProductIsOneOfTheServedOnes(String product, String expected) {
        String yaml = ONE_INSTANCE.formatted(product) + "    engine: { kind: redis, spawn: true, password: x }\n";
        if (expected.equals("ok")) assertEquals(Product.TENCENT_REDIS, loader.parse(yaml, BASE).instances().getFirst().product());
        else assertEquals(expected, error(yaml));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            engine: { kind: redis, port: 7001 }                            | instances[0].engine (line 8): an engine that is not spawned needs host and port (or set spawn: true)
            engine: { kind: redis, host: 127.0.0.1 }                       | instances[0].engine (line 8): an engine that is not spawned needs host and port (or set spawn: true)
            engine: { kind: redis, host: 127.0.0.1, port: 7001 }           | instances[0].engine (line 8): an external redis needs admin-user and admin-password-env
            engine: { kind: redis, host: 127.0.0.1, port: 70000, admin-password-env: REKEY_ADMIN_PW } | instances[0].engine.port (line 8): must be 1 to 65535 (the engine's TCP port), not 70000
            engine: { kind: redis, spawn: true }                           | instances[0].engine.password (line 8): a spawned engine needs its initial password
            engine: { kind: memcached, user: u, password: x }              | instances[0].engine.spawn (line 8): memcached instances are always spawned: Rekey must own their auth file
            engine: { kind: memcached, spawn: true, password: x }          | instances[0].engine.user (line 8): is required
            engine: { kind: memcached, spawn: true, user: u }              | instances[0].engine.password (line 8): a spawned engine needs its initial password
            engine: { kind: guest, spawn: true }                           | instances[0].engine.kind (line 8): a guest serves only tencent-cvm instances
            engine: { kind: redis, spawn: true, password: x, users: [ root, "" ] } | instances[0].engine.users[1] (line 8): is required
            """)
    void anEngineThatCannotBeReachedOrSpawnedIsRefused(String engine, String expected) {
        assertEquals(expected, error(REDIS + "    " + engine + "\n"));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            engine: { kind: guest }                                        | instances[0].engine (line 8): a guest needs spawn: true or a channel: unix:/path/to/qga.sock
            engine: { kind: guest, channel: /run/qga.sock }                | instances[0].engine.channel (line 8): must be unix:/path/to/qga.sock
            engine: { kind: guest, channel: "unix:" }                      | instances[0].engine.channel (line 8): must be unix:/path/to/qga.sock
            engine: { kind: redis, spawn: true, password: x }              | instances[0].engine.kind (line 8): a tencent-cvm instance needs kind: guest
            """)
    void aCvmInstanceNeedsAGuestItCanReach(String engine, String expected) {
        assertEquals(expected, error(CVM + "    " + engine + "\n"));
    }

    @Test
    void theCvmKeysAreTypedAndRefusedElsewhere() {
        String guest = "    engine: { kind: guest, spawn: true, users: [ Administrator ] }\n";
        var ic = loader.parse(CVM + "    os: Windows\n    image: windows-server-2022\n    state: stopped\n" + guest, BASE).instances().getFirst();
        assertEquals(RekeyConfig.Os.WINDOWS, ic.os());
        assertEquals(CvmInstanceState.STOPPED, ic.state());
        assertEquals(Map.of("os", "windows", "image", "windows-server-2022", "state", "STOPPED"), ic.extra());
        assertEquals("instances[0].os (line 8): must be one of linux, windows, not 'solaris'", error(CVM + "    os: solaris\n" + guest));
        assertTrue(error(CVM + "    state: ASLEEP\n" + guest).startsWith("instances[0].state (line 8): must be one of PENDING, LAUNCH_FAILED, RUNNING"));
        assertEquals("instances[0].os (line 8): applies only to tencent-cvm instances",
                error(REDIS + "    os: linux\n    engine: { kind: redis, spawn: true, password: x }\n"));
        assertEquals("instances[0].state (line 8): applies only to tencent-cvm instances",
                error(REDIS + "    state: RUNNING\n    engine: { kind: redis, spawn: true, password: x }\n"));
    }

    @Test
    void namesAndIdsAreUnique() {
        String engine = "    engine: { kind: redis, spawn: true, password: x }\n";
        assertEquals("instances[1].id (line 9): the instance id ins-00000001 appears twice",
                error(REDIS + engine + "  - { id: ins-00000001, tenant: acme, product: tencent-redis, engine: { kind: redis, spawn: true, password: y } }\n"));
        assertEquals("tenants[1].name (line 3): the tenant name acme appears twice", error("tenants:\n  - { name: acme }\n  - { name: acme }\n"));
        assertEquals("tenants[1].tencent (line 3): the tencent key AKID1 is already given to tenant acme", error("""
                tenants:
                  - { name: acme, tencent: { secret-id: AKID1, secret-key: a } }
                  - { name: other, tencent: { secret-id: AKID1, secret-key: b } }
                """));
    }

    @Test
    void aKeyGivenTwiceInOneMappingIsRefusedAtItsSecondLine() {
        assertEquals("instances[0].product (line 8): the key 'product' appears twice in this mapping",
                error(REDIS + "    product: aliyun-redis\n    engine: { kind: redis, spawn: true, password: x }\n"));
    }

    @Test
    void aSecondDocumentIsRefused() {
        assertEquals("line 3: a second YAML document starts here; the file must hold exactly one",
                error("server: { port: 1 }\n---\nserver: { port: 2 }\n"));
    }

    @Test
    void noMessageQuotesASecret() {
        String secret = "Sup3r#Secret-Value";
        var broken = java.util.List.of(
                "tenants:\n  - { name: acme, tencent: { secret-id: AKID, secret-key: \"" + secret + " } }\n",
                "tenants:\n  - { name: acme, tencent: { secret-id: AKID, secret-key: " + secret + " } ]\n",
                "tenants:\n  - { name: acme, tencent: { secret-id: AKID, secret-key: " + secret + ", secret-kee: " + secret + " } }\n",
                REDIS + "    engine: { kind: redis, spawn: true, password: [ " + secret + " ] }\n",
                REDIS + "    engine: { kind: redis, spawn: maybe, password: \"" + secret + "\" }\n",
                "store: { url: \"mysql://u:" + secret + "@db/rekey\" }\n");
        for (String yaml : broken) {
            String message = error(yaml);
            assertFalse(message.contains(secret), message);
            assertFalse(message.contains("Sup3r"), message);
        }
        assertTrue(error(broken.getFirst()).startsWith("line 2: not valid YAML ("), error(broken.getFirst()));
    }

    @Test
    void aLoadedConfigurationShowsNoSecret() {
        String text = loader.parse(FULL, BASE).toString();
        for (String secret : java.util.List.of("SECRETEXAMPLE", "testsecret", "SKEXAMPLE", "Initial#Pass1", "adminpw")) {
            assertFalse(text.contains(secret), secret + " in " + text);
        }
    }

    @Test
    void deploymentsAreCountsToSpawnOrListsToReach() {
        RekeyConfig spawned = loader.parse(REDIS + "    engine: { kind: redis, spawn: true, replicas: 2, sentinels: 1, overlap: 30s, password: x }\n", BASE);
        var e = spawned.instances().getFirst().engine();
        assertEquals(2, e.replicas().count());
        assertEquals(1, e.sentinels().count());
        assertEquals(java.time.Duration.ofSeconds(30), e.overlap());
        assertTrue(e.deployment());
        RekeyConfig reached = loader.parse(REDIS + "    engine: { kind: redis, host: h, port: 7001, admin-user: a, admin-password-env: REKEY_ADMIN_PW,\n"
                + "              replicas: [ { host: h, port: 7002 } ], sentinels: [ { host: h, port: 26379, master-name: m } ] }\n", BASE);
        assertEquals("m", reached.instances().getFirst().engine().sentinels().listed().getFirst().masterName());
        RekeyConfig cluster = loader.parse(REDIS + "    engine: { kind: redis-cluster, spawn: true, shards: 3, replicas: 1, password: x }\n", BASE);
        assertTrue(cluster.instances().getFirst().engine().cluster());
        assertEquals(dev.rekey.core.EngineKind.REDIS, cluster.instances().getFirst().engine().kind());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            engine: { kind: redis, spawn: true, replicas: [ { host: h, port: 1 } ], password: x }  | instances[0].engine.replicas (line 8): a spawned engine takes the number of replicas to spawn
            engine: { kind: redis, spawn: true, replicas: -1, password: x }                         | instances[0].engine.replicas (line 8): must not be negative
            engine: { kind: redis, spawn: true, replicas: two, password: x }                        | instances[0].engine.replicas (line 8): must be a number (members Rekey spawns) or a list of { host, port }
            engine: { kind: redis, spawn: true, sentinels: 1, password: x }                         | instances[0].engine.sentinels (line 8): Sentinels watch a primary with replicas: give replicas too
            engine: { kind: redis-cluster, spawn: true, password: x }                               | instances[0].engine.shards (line 8): is required for a spawned cluster
            engine: { kind: redis-cluster, spawn: true, shards: 2, password: x }                    | instances[0].engine.shards (line 8): must be 3 to 16 (the shards of a cluster (Redis needs at least 3 primaries)), not 2
            engine: { kind: redis, spawn: true, overlap: soon, password: x }                        | instances[0].engine.overlap (line 8): must be a duration with its unit, such as 500ms, 2s or 1m, not 'soon'
            """)
    void aBadDeploymentIsRefusedNamingTheKey(String engine, String expected) {
        assertEquals(expected, error(REDIS + "    " + engine + "\n"));
    }

    private String error(String yaml) {
        return assertThrows(ConfigException.class, () -> loader.parse(yaml, BASE)).getMessage();
    }

    /** The README's configuration section, both blocks, as one file. */
    private static final String README = """
            server: { port: 8080, data: ./data }          # data folder: H2 database, master key, spawned engines
            store:
              url: "jdbc:postgresql://127.0.0.1:5432/rekey?user=postgres"   # the same Flyway migrations create the schema
              key-file: /etc/rekey/master.key                               # or REKEY_MASTER_KEY; the same on every node
              task-lease-seconds: 30                                        # how soon another node takes over a dead node's task
            tenants:
              - name: acme
                tencent: { secret-id: AKIDEXAMPLE, secret-key: SECRETEXAMPLE }
                aliyun:  { access-key-id: testid, access-key-secret: testsecret }
                huawei:  { ak: AKEXAMPLE, sk: SKEXAMPLE, project-id: 0123456789abcdef0123456789abcdef }
            instances:
              - id: crs-a1b2c3d4
                tenant: acme
                product: tencent-redis          # tencent-redis | tencent-cvm | aliyun-redis | huawei-dcs
                region: ap-guangzhou
                name: orders-cache
                engine: { kind: redis, spawn: true, password: "Initial#Pass1" }   # Rekey starts and owns a local redis-server
              - id: crs-e5f6g7h8
                tenant: acme
                product: tencent-redis
                engine: { kind: redis, host: 127.0.0.1, port: 7001, admin-user: rekey-admin, admin-password-env: REKEY_ADMIN_PW }
              - id: ins-r8hr2upy                # a CVM instance backed by a sandboxed qemu-ga that Rekey spawns
                tenant: acme
                product: tencent-cvm
                os: linux                       # linux | windows (Windows password rules, user Administrator)
                image: ubuntu-22.04             # shown as OsName; an Ubuntu image's default user is ubuntu, else root
                engine: { kind: guest, spawn: true, users: [root, ubuntu], password: "Initial#Pass1" }
              - id: ins-k2m4p6q8                # a real VM's guest agent channel, as libvirt exposes it
                tenant: acme
                product: tencent-cvm
                state: RUNNING                  # optional: pin a state (STOPPED, RESCUE_MODE, FREEZING, ...) at every start
                engine: { kind: guest, channel: "unix:/var/lib/libvirt/qemu/channel/target/domain-1-vm/org.qemu.guest_agent.0" }
              - id: a2a4ea4f-3a43-4b6c-9a1a-6a9a8a2c1d10
                tenant: acme
                product: huawei-dcs
                engine: { kind: memcached, spawn: true, user: cacheuser, password: "Memc#Pass1" }  # always spawned: Rekey owns its auth file
              - id: r-bp1abc
                tenant: acme
                product: aliyun-redis
                engine: { kind: redis, spawn: true, password: "uW8+nsrp" }
            limits:
              tencent-redis: { ModifyInstancePassword: 20, ResetPassword: 20 }   # requests/s per tenant and region
              aliyun-redis: { requests-per-second: 100 }                        # requests/s per tenant, all actions
              tencent-cvm: { ResetInstancesPassword: 10 }                        # requests/s per tenant
              huawei-dcs: { lock-minutes: 5, UpdatePassword: 20, ResetPassword: 20, ShowInstance: 20, ListInstances: 20 }
            """;
}
