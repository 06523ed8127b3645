package dev.rekey.bench;

import java.util.Locale;

/** Runs an operation repeatedly for a fixed time after a warm-up, and prints the figures in the agreed format. */
final class Measure {
    private Measure() {
    }

    @FunctionalInterface
    interface Op {
        void run() throws Exception;
    }

    /** Operations per second over {@code seconds}, after a warm-up of a fifth of that. */
    static double perSecond(double seconds, Op op) throws Exception {
        long warmUntil = System.nanoTime() + (long) (seconds * 0.2e9);
        while (System.nanoTime() < warmUntil) op.run();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long count = 0;
        while (System.nanoTime() < end) {
            op.run();
            count++;
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    static void figure(String name, double value, String unit) {
        System.out.println(String.format(Locale.ROOT, "figure %s %.1f %s", name, value, unit));
    }

    static void ratio(String name, double value) {
        System.out.println(String.format(Locale.ROOT, "ratio %s %.4f", name, value));
    }
}
