/**
 * JDBC implementations of the core's ports over H2 (embedded default) or PostgreSQL, with Flyway migrations in
 * {@code db/migration}. Every rule that must hold across nodes (one change per instance, rate windows) is a row lock or
 * a conditional update here, never a JVM lock.
 */
package dev.rekey.store;
