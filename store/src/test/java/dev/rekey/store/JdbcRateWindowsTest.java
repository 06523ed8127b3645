package dev.rekey.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JdbcRateWindowsTest {
    static final int THREADS = 32;
    @TempDir
    Path dir;
    Database db;
    JdbcRateWindows windows;

    @BeforeEach
    void open() {
        db = Database.open("jdbc:h2:file:" + dir.resolve("rekey"));
        windows = new JdbcRateWindows(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private long grantedAtOnce(String bucket, int limit) throws Exception {
        var go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            Callable<Boolean> acquire = () -> {
                go.await();
                return windows.tryAcquire(bucket, 42, limit);
            };
            for (int i = 0; i < THREADS; i++) results.add(pool.submit(acquire));
            go.countDown();
            long granted = 0;
            for (var r : results) if (r.get()) granted++;
            return granted;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentFirstRequestsOfABucketAreCountedNotRefused() throws Exception {
        for (int round = 0; round < 5; round++) {
            assertEquals(THREADS, grantedAtOnce("bucket-" + round, 1000));
        }
    }

    @Test
    void concurrentRequestsNeverPassTheLimit() throws Exception {
        assertEquals(5, grantedAtOnce("limited", 5));
    }
}
