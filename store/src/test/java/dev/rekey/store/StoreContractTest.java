package dev.rekey.store;

import dev.rekey.testkit.TestDatabases;

import dev.rekey.core.AuditEntry;
import dev.rekey.core.Cloud;
import dev.rekey.core.Credential;
import dev.rekey.core.EngineKind;
import dev.rekey.core.FailureException;
import dev.rekey.core.InstanceState;
import dev.rekey.core.Product;
import dev.rekey.core.Secret;
import dev.rekey.core.SecretBox;
import dev.rekey.core.TaskStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every store must do, run against H2 and PostgreSQL alike (see the two subclasses). The rules that must hold
 * across nodes are exercised with real concurrency.
 */
abstract class StoreContractTest {
    private final String url = newDatabase();
    private final Database db = Database.open(url);
    private final SecretBox box = new SecretBox(SecretBox.newKey());
    private final Clock clock = Clock.systemUTC();
    private final JdbcCatalog catalog = new JdbcCatalog(db, box, clock);
    private final JdbcInstanceStore instances = new JdbcInstanceStore(db, clock);
    private final JdbcTaskStore tasks = new JdbcTaskStore(db, clock);

    abstract String newDatabase();

    @AfterEach
    void close() {
        db.close();
        TestDatabases.drop(url);
    }

    private void instance(String id, String tenant) {
        catalog.upsertInstance(new JdbcCatalog.InstanceRow(id, tenant, Product.TENCENT_REDIS, "ap-guangzhou", "n-" + id,
                EngineKind.REDIS, "127.0.0.1", 7001, Map.of("account", "default"), Map.of("spawn", "false"), box.seal(Secret.of("admin"))));
    }

    @Test
    void instancesAreCreatedOnceAndUpdatedIdempotently() {
        assertTrue(catalog.upsertInstance(new JdbcCatalog.InstanceRow("crs-1", "acme", Product.TENCENT_REDIS, "r", "name",
                EngineKind.REDIS, "h", 1, Map.of(), Map.of(), null)));
        assertFalse(catalog.upsertInstance(new JdbcCatalog.InstanceRow("crs-1", "acme", Product.TENCENT_REDIS, "r", "name",
                EngineKind.REDIS, "h", 1, Map.of(), Map.of(), null)));
        var i = instances.find("crs-1").orElseThrow();
        assertEquals(InstanceState.RUNNING, i.state());
        assertNull(i.activeTaskId());
        assertEquals(1, instances.list("acme", Product.TENCENT_REDIS).size());
        assertEquals(List.of("crs-1"), catalog.retireAllBut(Set.of()));
        assertEquals(InstanceState.RETIRED, instances.find("crs-1").orElseThrow().state());
        assertTrue(instances.list("acme", Product.TENCENT_REDIS).isEmpty());
    }

    @Test
    void aStartedTaskMakesTheInstanceBusyUntilItFinishes() {
        instance("crs-2", "acme");
        var task = instances.withExclusive("crs-2", locked -> locked.startTask("ModifyInstancePassword", "req-1", "fp", "sealed"));
        var busy = instances.find("crs-2").orElseThrow();
        assertEquals(task.id(), busy.activeTaskId());
        assertEquals(InstanceState.CHANGING, busy.state());
        assertEquals(List.of(task.id()), tasks.unfinished().stream().map(t -> t.id()).toList());
        tasks.markRunning(task.id());
        tasks.finish(task.id(), TaskStatus.SUCCEED, "");
        var done = tasks.find(task.id()).orElseThrow();
        assertEquals(TaskStatus.SUCCEED, done.status());
        assertNull(done.sealedPrevious(), "the rollback material is erased when the task ends");
        assertNull(instances.find("crs-2").orElseThrow().activeTaskId());
        assertTrue(tasks.unfinished().isEmpty());
    }

    @Test
    void aRenewedLeaseKeepsTheTaskFromOtherNodesAndAnExpiredOneIsClaimedOnce() throws Exception {
        instance("crs-6", "acme");
        var nodeA = new JdbcInstanceStore(db, clock, "node-a", 300);
        var tasksA = new JdbcTaskStore(db, clock, 300, "node-a");
        var tasksB = new JdbcTaskStore(db, clock, 300, "node-b");
        var task = nodeA.withExclusive("crs-6", locked -> locked.startTask("x", "r", "fp", "s"));
        assertTrue(tasksB.claimOrphans("node-b", false, 10).isEmpty(), "a fresh lease is not an orphan");
        sleep(200);
        assertTrue(tasksA.renewLease(task.id()));
        sleep(200);
        assertTrue(tasksB.claimOrphans("node-b", false, 10).isEmpty(), "a renewed lease is not an orphan");
        sleep(400);
        assertEquals(List.of(task.id()), tasksB.claimOrphans("node-b", false, 10).stream().map(t -> t.id()).toList());
        assertTrue(tasksB.claimOrphans("node-b", false, 10).isEmpty(), "claimed once: the lease is node b's now");
        assertFalse(tasksA.renewLease(task.id()), "node a has lost the lease");
        tasksB.releaseLease(task.id());
        assertEquals(List.of(task.id()), tasksA.claimOrphans("node-a", false, 10).stream().map(t -> t.id()).toList(),
                "a released claim is free for any node at once");
    }

    @Test
    void exclusiveSectionsOnOneInstanceNeverOverlap() throws Exception {
        instance("crs-3", "acme");
        var inside = new AtomicInteger();
        var overlaps = new AtomicInteger();
        var start = new CountDownLatch(1);
        var jobs = new ArrayList<Future<Object>>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int n = 0; n < 8; n++) {
                jobs.add(pool.submit((Callable<Object>) () -> {
                    start.await();
                    return instances.withExclusive("crs-3", locked -> {
                        if (inside.incrementAndGet() > 1) overlaps.incrementAndGet();
                        sleep(20);
                        inside.decrementAndGet();
                        return null;
                    });
                }));
            }
            start.countDown();
            for (var j : jobs) j.get();
        }
        assertEquals(0, overlaps.get());
    }

    @Test
    void onlyOneOfManyConcurrentStartsWins() throws Exception {
        instance("crs-4", "acme");
        var start = new CountDownLatch(1);
        var jobs = new ArrayList<Future<Boolean>>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int n = 0; n < 8; n++) {
                jobs.add(pool.submit(() -> {
                    start.await();
                    return instances.withExclusive("crs-4", locked -> {
                        if (locked.instance().activeTaskId() != null) return false;
                        locked.startTask("x", "r", "fp", "s");
                        return true;
                    });
                }));
            }
            start.countDown();
            int wins = 0;
            for (var j : jobs) if (j.get()) wins++;
            assertEquals(1, wins);
        }
    }

    @Test
    void attributesWrittenInsideTheLockCommitWithIt() {
        instance("crs-5", "acme");
        instances.withExclusive("crs-5", locked -> {
            locked.setAttribute("failures", "3");
            return null;
        });
        assertEquals("3", instances.find("crs-5").orElseThrow().attributes().get("failures"));
        assertThrows(FailureException.class, () -> instances.withExclusive("crs-5", locked -> {
            locked.setAttribute("failures", "4");
            throw new FailureException(dev.rekey.core.ErrorCode.INTERNAL, "boom");
        }));
        assertEquals("3", instances.find("crs-5").orElseThrow().attributes().get("failures"), "a thrown failure rolls back");
    }

    @Test
    void rateWindowsNeverCountPastTheLimitUnderConcurrency() throws Exception {
        var windows = new JdbcRateWindows(db);
        var start = new CountDownLatch(1);
        var granted = new AtomicInteger();
        try (var pool = Executors.newFixedThreadPool(8)) {
            var jobs = new ArrayList<Future<?>>();
            for (int n = 0; n < 40; n++) {
                jobs.add(pool.submit(() -> {
                    start.await();
                    if (windows.tryAcquire("bucket", 100, 20)) granted.incrementAndGet();
                    return null;
                }));
            }
            start.countDown();
            for (var j : jobs) j.get();
        }
        assertEquals(20, granted.get());
        assertTrue(windows.tryAcquire("bucket", 101, 20), "a new second starts a new window");
        assertFalse(windows.tryAcquire("other", 100, 0), "a limit of zero refuses everything");
    }

    @Test
    void credentialsAreSealedAndFoundByKeyId() {
        catalog.replaceCredentials(List.of(new Credential(Cloud.TENCENT, "acme", "AKID1", Secret.of("s3cret"), null)));
        var ring = new JdbcKeyRing(db, box);
        assertTrue(ring.find(Cloud.TENCENT, "AKID1").orElseThrow().secret().sameAs(Secret.of("s3cret")));
        assertTrue(ring.find(Cloud.ALIYUN, "AKID1").isEmpty());
        String stored = db.run(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT sealed_secret FROM credential")) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertFalse(stored.contains("s3cret"));
    }

    @Test
    void aDifferentMasterKeyIsRefused() {
        catalog.checkMasterKey();
        catalog.checkMasterKey();
        var other = new JdbcCatalog(db, new SecretBox(SecretBox.newKey()), clock);
        var e = assertThrows(IllegalStateException.class, other::checkMasterKey);
        assertTrue(e.getMessage().contains("master key"));
    }

    @Test
    void auditEntriesComeBackNewestFirst() {
        var audit = new JdbcAuditLog(db);
        audit.record(new AuditEntry(Instant.ofEpochMilli(1), "t", "a", "first", "i", "ok", "r1"));
        audit.record(new AuditEntry(Instant.ofEpochMilli(2), "t", "a", "second", "i", "ok", "r2"));
        assertEquals(List.of("second", "first"), audit.recent(10).stream().map(AuditEntry::action).toList());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
