package dev.rekey.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/** `bench/run [--quick]`: every benchmark, each against its own floor, in one run. */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        double seconds = quick ? 4 : 15;
        System.out.println("# rekey benchmarks (" + (quick ? "quick" : "full") + ", " + seconds + " s per figure, "
                + Runtime.getRuntime().availableProcessors() + " cores)");
        Path dir = Files.createTempDirectory("rekey-bench-");
        try {
            PasswordChangeBench.run(Files.createDirectories(dir.resolve("single")), seconds);
            MultiNodeBench.run(Files.createDirectories(dir.resolve("multi")), seconds);
            CvmBench.run(Files.createDirectories(dir.resolve("cvm")), quick);
            TopologyRotationBench.run(Files.createDirectories(dir.resolve("topology")), seconds);
        } finally {
            delete(dir);
        }
        System.exit(0);
    }

    private static void delete(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
