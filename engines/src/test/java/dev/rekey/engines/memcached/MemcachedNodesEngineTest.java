package dev.rekey.engines.memcached;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rekey.core.EngineException;
import dev.rekey.core.EngineState;
import dev.rekey.core.EngineStateCodec;
import dev.rekey.core.Secret;
import dev.rekey.core.ChangeGate.Phase;
import dev.rekey.core.Login;
import dev.rekey.core.RotationProof;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three memcached nodes whose auth files Rekey owns, started once for the class. */
class MemcachedNodesEngineTest {

    private static final String USER = "cacheuser";

    @TempDir
    static Path dir;
    private static final List<MemcachedProcess> nodes = new ArrayList<>();
    private static Secret current;

    @BeforeAll
    static void startNodes() throws EngineException {
        if (MemcachedBinary.find().isEmpty()) {
            if ("true".equals(System.getenv("CI"))) fail(MemcachedBinary.MISSING);
            assumeTrue(false, MemcachedBinary.MISSING);
        }
        current = Secret.of("Initial-Pa55-" + System.nanoTime());
        for (int i = 0; i < 3; i++) nodes.add(MemcachedProcess.start(dir.resolve("node-" + i), 0, USER, current));
    }

    @AfterAll
    static void stopNodes() {
        nodes.forEach(MemcachedProcess::stop);
    }

    @Test
    void duringTheOverlapOldPasswordClientsNeverFailOnAnyNode() throws Exception {
        Secret next = Secret.of("Overlap-Pa55-" + System.nanoTime());
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong logins = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        List<Thread> clients = new ArrayList<>();
        for (MemcachedProcess node : nodes) {
            clients.add(Thread.ofPlatform().daemon().start(() -> {
                while (running.get()) {
                    (login(node, current) ? logins : failures).incrementAndGet();
                    LockSupport.parkNanos(3_000_000);
                }
            }));
        }
        try {
            engine().addPassword(next);
            RotationProof during = engine().prove(next, current);
            assertTrue(during.nextAcceptedEverywhere() && during.oldAcceptedEverywhere(), during.describe());
        } finally {
            running.set(false);
            for (Thread client : clients) client.join();
        }
        engine().removeOtherPasswords(next);
        RotationProof after = engine().prove(next, current);
        current = next;

        assertEquals(0, failures.get(), "old-password logins refused during the window");
        assertTrue(logins.get() > 0);
        assertTrue(after.nextAcceptedEverywhere() && after.oldRefusedEverywhere(), after.describe());
    }

    @Test
    void aNodeKilledMidChangeRollsBackEveryOtherNode() throws Exception {
        Secret next = Secret.of("Never-Pa55-" + System.nanoTime());
        MemcachedProcess victim = nodes.getLast();
        AtomicBoolean killed = new AtomicBoolean();
        MemcachedNodesEngine gated = engine().withGate(step -> {
            if (step.phase() == Phase.NARROW && !killed.getAndSet(true)) {
                ProcessHandle.of(victim.pid()).ifPresent(process -> {
                    process.destroyForcibly();
                    process.onExit().join();
                });
            }
        });

        EngineException failure = assertThrows(EngineException.class, () -> gated.replace(next));

        assertTrue(failure.getMessage().contains(victim.host() + ":" + victim.port()), failure.getMessage());
        for (MemcachedProcess node : nodes) {
            if (node == victim) continue;
            assertTrue(login(node, current), "old password on " + node);
            assertFalse(login(node, next), "new password on " + node);
        }
        // the rollback wrote the victim's previous auth file back, though it could not signal the dead process
        MemcachedProcess resumed = MemcachedProcess.resume(victim.dir(), victim.port());
        nodes.set(nodes.size() - 1, resumed);
        assertEquals(Set.of(current.sha256Hex()), engine().read().fingerprints());
        assertTrue(login(resumed, current) && !login(resumed, next));
    }

    @Test
    void restorePutsBackEveryNodesAuthFileFromTheSealedState() throws EngineException {
        EngineState before = EngineStateCodec.decode(EngineStateCodec.encode(engine().read()));
        Secret next = Secret.of("Undone-Pa55-" + System.nanoTime());
        engine().replace(next);
        engine().verify(next, current);

        engine().restore(before);

        RotationProof proof = engine().prove(current, next);
        assertTrue(proof.nextAcceptedEverywhere() && proof.oldRefusedEverywhere(), proof.describe());
        assertEquals(Login.ACCEPTED, proof.nodes().getFirst().next());
    }

    private static MemcachedNodesEngine engine() {
        return MemcachedNodesEngine.of(nodes.stream().map(MemcachedProcess::engine).toList());
    }

    private static boolean login(MemcachedProcess node, Secret password) {
        try (MemcachedTextClient client = MemcachedTextClient.connect(node.host(), node.port())) {
            return client.authenticate(USER, password).equals(MemcachedTextClient.STORED);
        } catch (IOException e) {
            return false;
        }
    }
}
