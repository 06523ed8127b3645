package dev.rekey.store;

import dev.rekey.testkit.TestDatabases;

import dev.rekey.core.AuditEntry;
import dev.rekey.core.Cloud;
import dev.rekey.core.Credential;
import dev.rekey.core.EngineKind;
import dev.rekey.core.FailureException;
import dev.rekey.core.InstanceState;
import dev.rekey.core.InstanceStore;
import dev.rekey.core.LatestOperation;
import dev.rekey.core.Lease;
import dev.rekey.core.LeaseLostException;
import dev.rekey.core.Lockout;
import dev.rekey.core.NewOperation;
import dev.rekey.core.Operation;
import dev.rekey.core.OperationKind;
import dev.rekey.core.OperationState;
import dev.rekey.core.OperationStore;
import dev.rekey.core.Product;
import dev.rekey.core.Proof;
import dev.rekey.core.Secret;
import dev.rekey.core.SecretBox;
import dev.rekey.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
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
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    private final JdbcCatalog catalog = new JdbcCatalog(db, box, clock);
    private final JdbcOperationStore operations = new JdbcOperationStore(db, clock, "node-a", Duration.ofSeconds(30));
    private final JdbcInstanceStore instances = new JdbcInstanceStore(db, operations);

    abstract String newDatabase();

    @AfterEach
    void close() {
        db.close();
        TestDatabases.drop(url);
    }

    private void instance(String id, String tenant) {
        catalog.upsertInstance(new JdbcCatalog.InstanceRow(id, tenant, Product.TENCENT_REDIS, "ap-guangzhou", "n-" + id,
                EngineKind.REDIS, "127.0.0.1", 7001, "default", null, null, Duration.ZERO, Map.of("spawn", "false"), box.seal(Secret.of("admin"))));
    }

    private static NewOperation change(String instanceId) {
        return new NewOperation(instanceId, "acme", OperationKind.ENGINE_PASSWORD, "ModifyInstancePassword", "req-1", null,
                new Operation.Work("fp", "sealed", null, null, null, null, null));
    }

    private InstanceStore.Started start(JdbcInstanceStore store, String id) {
        return store.withLocked(List.of(id), locked -> locked.start(change(id), true));
    }

    private static OperationStore.Ending succeeded() {
        return new OperationStore.Ending(OperationState.SUCCEEDED, Operation.Result.NONE, null, null);
    }

    @Test
    void instancesAreCreatedOnceAndUpdatedIdempotently() {
        assertTrue(catalog.upsertInstance(new JdbcCatalog.InstanceRow("crs-1", "acme", Product.TENCENT_REDIS, "r", "name",
                EngineKind.REDIS, "h", 1, "default", null, null, Duration.ZERO, Map.of(), null)));
        assertFalse(catalog.upsertInstance(new JdbcCatalog.InstanceRow("crs-1", "acme", Product.TENCENT_REDIS, "r", "name",
                EngineKind.REDIS, "h", 1, "default", null, null, Duration.ZERO, Map.of(), null)));
        var i = instances.find("crs-1").orElseThrow();
        assertEquals(InstanceState.RUNNING, i.state());
        assertFalse(i.busy());
        assertNull(i.latest());
        assertEquals("default", i.account());
        assertEquals(1, instances.list("acme", Product.TENCENT_REDIS).size());
        assertEquals(List.of("crs-1"), catalog.retireAllBut(Set.of()));
        assertEquals(InstanceState.RETIRED, instances.find("crs-1").orElseThrow().state());
        assertTrue(instances.list("acme", Product.TENCENT_REDIS).isEmpty());
    }

    @Test
    void aStartedOperationHoldsTheInstanceUntilItFinishesAndItsWorkMaterialIsErased() {
        instance("crs-2", "acme");
        var started = start(instances, "crs-2");
        Operation op = started.operation();
        var busy = instances.find("crs-2").orElseThrow();
        assertEquals(op.id(), busy.activeOperation());
        assertEquals(op.id(), busy.latest().id());
        assertEquals(LatestOperation.State.OPERATING, busy.latest().state());
        assertEquals(OperationState.RUNNING, op.state());
        assertEquals(1, op.leaseEpoch());
        assertEquals(List.of(op.id()), operations.unfinished().stream().map(Operation::id).toList());
        operations.finish(started.lease(), new OperationStore.Ending(OperationState.SUCCEEDED, Operation.Result.NONE, true, null));
        var done = operations.find(op.id()).orElseThrow();
        assertEquals(OperationState.SUCCEEDED, done.state());
        assertNull(done.work().sealedPrevious(), "the rollback material is erased when the operation ends");
        assertNull(done.work().newFingerprint(), "so is the new password's fingerprint");
        var free = instances.find("crs-2").orElseThrow();
        assertFalse(free.busy());
        assertTrue(free.passwordFree());
        assertEquals(busy.generation() + 1, free.generation(), "an ending moves the generation on");
        assertTrue(operations.unfinished().isEmpty());
    }

    @Test
    void anExpiredLeaseIsClaimedOnceWithTheNextEpochAndTheOldHolderIsFencedOut() {
        instance("crs-6", "acme");
        var nodeB = new JdbcOperationStore(db, clock, "node-b", Duration.ofSeconds(30));
        var started = start(instances, "crs-6");
        Lease a = started.lease();
        assertTrue(nodeB.claimOrphans("node-b", false, 10).isEmpty(), "a fresh lease is not an orphan");
        clock.advance(Duration.ofSeconds(20));
        assertTrue(operations.renew(a).isPresent());
        clock.advance(Duration.ofSeconds(20));
        assertTrue(nodeB.claimOrphans("node-b", false, 10).isEmpty(), "a renewed lease is not an orphan");
        clock.advance(Duration.ofSeconds(31));
        var claimed = nodeB.claimOrphans("node-b", false, 10);
        assertEquals(List.of(a.operationId()), claimed.stream().map(c -> c.operation().id()).toList());
        Lease b = claimed.getFirst().lease();
        assertEquals(2, b.epoch());
        assertTrue(nodeB.claimOrphans("node-b", false, 10).isEmpty(), "claimed once: the lease is node b's now");

        assertTrue(operations.renew(a).isEmpty(), "node a has lost the lease");
        assertThrows(LeaseLostException.class, () -> operations.pendingHash(a, "$6$x"));
        assertThrows(LeaseLostException.class, () -> operations.finish(a, succeeded()), "a late finish is refused");
        assertTrue(instances.find("crs-6").orElseThrow().busy(), "the refused finish freed nothing");
        nodeB.finish(b, succeeded());
        assertEquals(OperationState.SUCCEEDED, operations.find(a.operationId()).orElseThrow().state());
    }

    @Test
    void anOpenWindowHoldsTheInstanceWithoutALeaseAndAnyNodeEndsItWhenDue() {
        instance("crs-10", "acme");
        var change = new NewOperation("crs-10", "acme", OperationKind.ENGINE_PASSWORD, "ModifyInstancePassword", "r", null,
                new Operation.Work("fp", "sealed", null, null, null, null, null), Duration.ofMinutes(10));
        var started = instances.withLocked(List.of("crs-10"), locked -> locked.start(change, true));
        assertEquals(Duration.ofMinutes(10), started.operation().window().overlap());
        Instant due = clock.instant().plus(Duration.ofMinutes(10));
        Operation open = operations.enterWindow(started.lease(), due, Proof.of(Proof.CHANGE, "both accepted"), "sealed-request");
        assertEquals(OperationState.OVERLAP, open.state());
        assertEquals(due, open.window().dueAt());
        assertEquals(List.of(Proof.of(Proof.CHANGE, "both accepted")), open.result().proofs());
        var instance = instances.find("crs-10").orElseThrow();
        assertTrue(instance.busy(), "the window holds the instance");
        assertFalse(instance.changing(), "but the cloud's task has succeeded");

        var nodeB = new JdbcOperationStore(db, clock, "node-b", Duration.ofSeconds(30));
        clock.advance(Duration.ofMinutes(11));
        assertTrue(nodeB.claimOrphans("node-b", false, 10).isEmpty(), "an open window is no orphan");
        assertTrue(operations.renew(started.lease()).isEmpty(), "the applier gave its lease up when the window opened");
        var due1 = nodeB.claimDue("node-b", 10);
        assertEquals(1, due1.size(), "any node ends a due window");
        assertTrue(operations.claimDue("node-a", 10).isEmpty(), "claimed once");
        nodeB.finish(due1.getFirst().lease(), new OperationStore.Ending(OperationState.SUCCEEDED,
                new Operation.Result("", null, null, List.of(Proof.of(Proof.CHANGE, "both accepted"),
                        Proof.of(Proof.WINDOW, "only the new one"))), null, null));
        Operation ended = operations.find(open.id()).orElseThrow();
        assertEquals(2, ended.result().proofs().size());
        assertNull(ended.work().sealedRequest(), "the window's passwords are erased with it");
        assertFalse(instances.find("crs-10").orElseThrow().busy());
    }

    @Test
    void aWindowCanBeMadeDueAtOnceToFinishOrRollBack() {
        instance("crs-11", "acme");
        var change = new NewOperation("crs-11", "acme", OperationKind.ENGINE_PASSWORD, "ResetPassword", "r", null,
                new Operation.Work("fp", "sealed", null, null, null, null, null), Duration.ofHours(1));
        var started = instances.withLocked(List.of("crs-11"), locked -> locked.start(change, true));
        Operation open = operations.enterWindow(started.lease(), clock.instant().plus(Duration.ofHours(1)), null, "s");
        assertTrue(operations.claimDue("node-a", 10).isEmpty());
        assertTrue(operations.endWindowNow(open.id(), true));
        var claimed = operations.claimDue("node-a", 10);
        assertEquals(1, claimed.size());
        assertTrue(claimed.getFirst().operation().window().rollBack());
        assertFalse(operations.endWindowNow(started.operation().id() + 1000, false), "no such window");
    }

    @Test
    void aReleasedClaimIsFreeForAnyNodeAtOnce() {
        instance("crs-7", "acme");
        var started = start(instances, "crs-7");
        operations.release(started.lease());
        var nodeB = new JdbcOperationStore(db, clock, "node-b", Duration.ofSeconds(30));
        assertEquals(1, nodeB.claimOrphans("node-b", false, 10).size());
    }

    @Test
    void aRequestIsClaimedOnlyByItsApplierAndCanBeCancelledUntilThen() {
        instance("crs-8", "acme");
        instance("crs-9", "acme");
        var work = new Operation.Work(null, null, "sealed-request", null, null, null, null);
        Operation cancelled = operations.request(new NewOperation("crs-8", "acme", OperationKind.ENGINE_PASSWORD, "UpdatePassword",
                "r1", "node-b", work));
        assertFalse(instances.find("crs-8").orElseThrow().busy(), "a request does not hold the instance before its check");
        assertTrue(operations.cancelRequested(cancelled.id(), "nobody answered"));
        assertEquals(OperationState.FAILED, operations.find(cancelled.id()).orElseThrow().state());

        Operation requested = operations.request(new NewOperation("crs-9", "acme", OperationKind.ENGINE_PASSWORD, "UpdatePassword",
                "r2", "node-b", work));
        assertTrue(operations.claimAssigned("node-a", 10).isEmpty(), "only its applier takes it");
        var nodeB = new JdbcOperationStore(db, clock, "node-b", Duration.ofSeconds(30));
        var claimed = nodeB.claimAssigned("node-b", 10);
        assertEquals(List.of(requested.id()), claimed.stream().map(c -> c.operation().id()).toList());
        assertFalse(operations.cancelRequested(requested.id(), "too late"), "a claimed request is not cancelled");
        Lease lease = claimed.getFirst().lease();
        Operation accepted = instances.withLocked(List.of("crs-9"), locked -> locked.accept(lease, "fp", "sealed-prev"));
        assertEquals(OperationState.RUNNING, accepted.state());
        assertTrue(instances.find("crs-9").orElseThrow().busy());
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
                    return instances.withLocked(List.of("crs-3"), locked -> {
                        if (inside.incrementAndGet() > 1) overlaps.incrementAndGet();
                        locked.setLockout("crs-3", new Lockout(1, 0)); // a write inside, as the real sections make
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
                    return instances.withLocked(List.of("crs-4"), locked -> {
                        if (locked.instance("crs-4").busy()) return false;
                        locked.start(change("crs-4"), true);
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
    void aLockoutWrittenInsideTheLockCommitsWithItAndAFailureRollsItBack() {
        instance("crs-5", "acme");
        instances.withLocked(List.of("crs-5"), locked -> {
            locked.setLockout("crs-5", new Lockout(3, 0));
            return null;
        });
        assertEquals(new Lockout(3, 0), instances.lockout("crs-5"));
        assertThrows(FailureException.class, () -> instances.withLocked(List.of("crs-5"), locked -> {
            locked.setLockout("crs-5", new Lockout(4, 0));
            throw new FailureException(dev.rekey.core.ErrorCode.INTERNAL, "boom");
        }));
        assertEquals(new Lockout(3, 0), instances.lockout("crs-5"), "a thrown failure rolls back");
        instances.withLocked(List.of("crs-5"), locked -> {
            locked.setLockout("crs-5", Lockout.NONE);
            return null;
        });
        assertEquals(Lockout.NONE, instances.lockout("crs-5"));
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

    @Test
    void aKeyChangedInTheStoreIsHonouredWithinItsFreshness() throws Exception {
        var ring = new JdbcKeyRing(db, box);
        assertTrue(ring.find(Cloud.TENCENT, "AKID2").isEmpty());
        catalog.replaceCredentials(List.of(new Credential(Cloud.TENCENT, "acme", "AKID2", Secret.of("v1"), null)));
        long deadline = System.nanoTime() + JdbcKeyRing.FRESH.toNanos() + Duration.ofSeconds(1).toNanos();
        while (ring.find(Cloud.TENCENT, "AKID2").isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the new key is seen within " + JdbcKeyRing.FRESH);
            Thread.sleep(50); // a bounded poll for the awaited condition
        }
        catalog.replaceCredentials(List.of());
        deadline = System.nanoTime() + JdbcKeyRing.FRESH.toNanos() + Duration.ofSeconds(1).toNanos();
        while (ring.find(Cloud.TENCENT, "AKID2").isPresent()) {
            assertTrue(System.nanoTime() < deadline, "a removed key stops working within " + JdbcKeyRing.FRESH);
            Thread.sleep(50); // a bounded poll for the awaited condition
        }
    }
}
