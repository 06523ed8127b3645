package dev.rekey.engines.guest;

import dev.rekey.core.Secret;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Opt-in measurement, not a regular test: {@code -Dguests=100 [-Dparallel=100]} starts that many spawned guests at
 * once, restarts them, sets and verifies a password on each, and prints latencies and disk use.
 */
@EnabledIfSystemProperty(named = "guests", matches = "\\d+")
@ExtendWith(HostEtcUnchanged.class)
class ManyGuestsProbe {
    @TempDir
    Path temp;

    @BeforeAll
    static void prerequisites() {
        SandboxPrerequisites.require();
    }

    @Test
    void startRestartAndSetManyGuestsAtOnce() throws Exception {
        int count = Integer.getInteger("guests");
        ExecutorService pool = Executors.newFixedThreadPool(Integer.getInteger("parallel", count));
        List<SandboxedGuest> guests = Collections.synchronizedList(new ArrayList<>());
        String initial = ShaCrypt.sha512Crypt(Secret.of("Initial-1"));
        try {
            phase("first start", pool, count, i -> {
                guests.add(SandboxedGuest.start(temp.resolve("g" + i), List.of("root", "ubuntu"),
                        Map.of("ubuntu", initial)));
            });
            Exec.Result du = Exec.run(List.of("du", "-sk", temp.toString()), Duration.ofSeconds(60));
            System.out.printf("PROBE disk for %d guests: %s KB%n", count, du.output().split("\\s+")[0]);
            assertEquals(count, guests.size());
            for (SandboxedGuest guest : guests) guest.stop(false);
            phase("restart", pool, count, i -> guests.get(i).start());
            GuestPasswordSetter setter = new GuestPasswordSetter();
            phase("set+verify", pool, count, i -> {
                String hash = setter.setOnline(guests.get(i).socket(), "ubuntu", Secret.of("Next-Pass-2"));
                setter.verifyShadow(guests.get(i), "ubuntu", hash);
            });
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES); // no start may finish after the stops
            for (SandboxedGuest guest : guests) guest.stop(true);
        }
    }

    interface Step {
        void run(int index) throws Exception;
    }

    private static void phase(String name, ExecutorService pool, int count, Step step) throws Exception {
        List<Long> millis = Collections.synchronizedList(new ArrayList<>());
        List<Future<Void>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            int index = i;
            Callable<Void> task = () -> {
                long t = System.nanoTime();
                step.run(index);
                millis.add((System.nanoTime() - t) / 1_000_000);
                return null;
            };
            futures.add(pool.submit(task));
        }
        for (Future<Void> future : futures) future.get();
        long wall = (System.nanoTime() - start) / 1_000_000;
        Collections.sort(millis);
        System.out.printf("PROBE %s: %d guests, wall %d ms, p50 %d ms, p95 %d ms, max %d ms%n", name, count, wall,
                millis.get(count / 2), millis.get(count * 95 / 100), millis.get(count - 1));
    }
}
