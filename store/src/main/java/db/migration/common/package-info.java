/**
 * Flyway migrations written in Java, for the data moves SQL cannot state portably on H2 and PostgreSQL (reading the
 * first release's JSON attribute bag). The SQL migrations live beside them under resources/db/migration/common.
 */
package db.migration.common;
