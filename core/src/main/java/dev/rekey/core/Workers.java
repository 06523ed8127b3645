package dev.rekey.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs operations and periodic rounds on virtual threads; {@link #close()} lets running operations finish so that no
 * engine is left midway.
 */
public final class Workers implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Workers.class.getName());
    private volatile boolean closed;
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("rekey-op-", 0).factory());

    public <T> CompletableFuture<T> submit(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, executor);
    }

    /**
     * Runs {@code work} every {@code period} on a virtual thread until {@link #close()}; a failing round is logged and
     * the next one runs anyway.
     */
    public void every(Duration period, Runnable work) {
        Thread.ofVirtual().name("rekey-periodic").start(() -> {
            while (!closed) {
                try {
                    Thread.sleep(period);
                    if (!closed) work.run();
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "periodic work failed: " + e.getMessage(), e);
                }
            }
        });
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) executor.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
