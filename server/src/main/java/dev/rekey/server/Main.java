package dev.rekey.server;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** The `rekey` command line. `rekey test` is the launcher's: it runs Maven, which this JVM cannot be. */
@Command(name = "rekey", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        subcommands = {Main.Serve.class, Main.PrintVersion.class, Main.Policies.class},
        description = "Cloud password APIs (Tencent, Alibaba, Huawei) served on your own Redis, Memcached and Linux guests.")
public final class Main {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    static final class Version implements CommandLine.IVersionProvider {
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[]{"rekey " + (v == null ? "0.1.0" : v)};
        }
    }

    @Command(name = "version", description = "Print the version.")
    static final class PrintVersion implements Callable<Integer> {
        public Integer call() {
            System.out.println(new Version().getVersion()[0]);
            return 0;
        }
    }

    @Command(name = "policies", description = "Print every product's password policy.")
    static final class Policies implements Callable<Integer> {
        public Integer call() {
            dev.rekey.core.PasswordPolicies.all().forEach(p -> System.out.println(p.describe()));
            dev.rekey.core.CvmPasswordPolicies.all().forEach(p -> System.out.println(p.describe()));
            dev.rekey.core.DcsPasswordPolicies.all().forEach(p -> System.out.println(p.describe()));
            return 0;
        }
    }

    @Command(name = "serve", description = "Run the gateway until SIGTERM or Ctrl-C.")
    static final class Serve implements Callable<Integer> {
        @Option(names = "--config", description = "the YAML configuration file")
        Path config;
        @Option(names = "--demo", description = "run with the built-in demo tenant and locally spawned engines")
        boolean demo;
        @Option(names = "--port", description = "HTTP port (0 picks a free one)")
        Integer port;
        @Option(names = "--admin-port", description = "admin API port (0 picks a free one; overrides server.admin-port)")
        Integer adminPort;
        @Option(names = "--data", description = "data folder (H2 database, spawned engines, master key)")
        Path data;
        @Option(names = "--log-format", paramLabel = "text|json", description = "log lines as text or as one JSON object per line (overrides server.log)")
        String logFormat;

        public Integer call() throws Exception {
            if (demo == (config != null)) {
                System.err.println("rekey serve: give exactly one of --config FILE or --demo");
                return 2;
            }
            RekeyConfig cfg;
            try {
                var loader = new ConfigLoader(System::getenv);
                cfg = demo ? loader.parse(demoYaml(), Path.of("").toAbsolutePath()) : loader.load(config);
                cfg = cfg.withOverrides(port, data == null ? null : data.toAbsolutePath()).withAdminPort(adminPort);
            } catch (ConfigException e) {
                System.err.println("rekey: configuration error: " + e.getMessage());
                return 2;
            }
            try {
                Logging.configure(logFormat != null ? LogFormat.parse(logFormat) : cfg.logFormat());
            } catch (IllegalArgumentException e) {
                System.err.println("rekey serve: --log-format: " + e.getMessage());
                return 2;
            }
            Rekey rekey;
            try {
                rekey = Rekey.start(cfg, null, System.getenv("REKEY_MASTER_KEY"));
            } catch (ConfigException | IllegalStateException e) {
                System.err.println("rekey: cannot start: " + e.getMessage());
                return 1;
            }
            var stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                rekey.close();
                stopped.countDown();
            }, "rekey-shutdown"));
            System.out.println("Rekey listening on http://" + cfg.bind() + ":" + rekey.port());
            rekey.adminUrl().ifPresent(url -> System.out.println("Rekey admin on " + url));
            if (demo) System.out.println(DemoBanner.text(cfg, rekey.port()));
            System.out.flush();
            stopped.await();
            return 0;
        }

        private static String demoYaml() throws IOException {
            try (InputStream in = Main.class.getResourceAsStream("demo.yaml")) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}
