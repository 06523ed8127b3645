package dev.rekey.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** The connection pool, migrated on open, and a transaction helper that every store class shares. */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final boolean postgres;

    private Database(HikariDataSource dataSource, boolean postgres) {
        this.dataSource = dataSource;
        this.postgres = postgres;
    }

    /** The pool size unless the configuration says otherwise ({@code store: { pool-size }}). */
    public static final int DEFAULT_POOL_SIZE = 16;

    public static Database open(String url) {
        return open(url, DEFAULT_POOL_SIZE);
    }

    /**
     * Opens the pool for a JDBC URL and applies the migrations; a bad URL fails here with the driver's reason. No
     * connection is ever held while an engine is called, so the pool bounds only concurrent statements.
     */
    public static Database open(String url, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(crashSafe(url));
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("rekey-store");
        boolean postgres = url.startsWith("jdbc:postgresql:");
        var ds = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(ds)
                    .locations("classpath:db/migration/common", "classpath:db/migration/" + (postgres ? "postgresql" : "h2"))
                    .failOnMissingLocations(false)
                    .load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds, postgres);
    }

    /**
     * H2 writes committed changes to its file up to 500 ms later by default, so a killed process could lose a task
     * it had already recorded; WRITE_DELAY=0 writes each commit before it returns.
     */
    static String crashSafe(String url) {
        if (!url.startsWith("jdbc:h2:file:") || url.toUpperCase(java.util.Locale.ROOT).contains("WRITE_DELAY")) return url;
        return url + ";WRITE_DELAY=0";
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public boolean postgres() {
        return postgres;
    }

    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in one transaction; an exception rolls it back and passes through unchanged. */
    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("store operation failed: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} with auto-commit, for single statements. */
    public <T> T run(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("store operation failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
