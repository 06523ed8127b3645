package dev.rekey.testkit;

import org.junit.jupiter.api.Assumptions;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Fresh databases for the store contract suite: an in-memory H2, and a new database on the machine's PostgreSQL
 * (127.0.0.1:5432, user postgres), dropped afterwards. Without PostgreSQL the suite fails under CI and skips loudly
 * elsewhere.
 */
public final class TestDatabases {
    public static final String POSTGRES_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    private TestDatabases() {
    }

    public static String h2() {
        return "jdbc:h2:mem:rekey-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    /** Creates an empty database and returns its URL. */
    public static String postgres() {
        String name = "rekey_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (var c = DriverManager.getConnection(POSTGRES_ADMIN_URL); var s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            String message = "PostgreSQL is not reachable at 127.0.0.1:5432 as postgres (" + e.getMessage()
                    + "); start it with: pg_ctlcluster --skip-systemctl-redirect 15 main start";
            if ("true".equals(System.getenv("CI"))) throw new IllegalStateException(message, e);
            Assumptions.abort(message);
        }
        return "jdbc:postgresql://127.0.0.1:5432/" + name + "?user=postgres";
    }

    /** Drops a database created by {@link #postgres()}; H2 memory databases vanish with their pool. */
    public static void drop(String url) {
        if (!url.startsWith("jdbc:postgresql:")) return;
        String name = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
        try (var c = DriverManager.getConnection(POSTGRES_ADMIN_URL); var s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            // a leftover test database is harmless; the next run creates its own
        }
    }
}
