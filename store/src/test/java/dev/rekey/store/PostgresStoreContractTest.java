package dev.rekey.store;

import dev.rekey.testkit.TestDatabases;

/** The store contract on the machine's PostgreSQL, in a database of its own per test. */
class PostgresStoreContractTest extends StoreContractTest {
    @Override
    String newDatabase() {
        return TestDatabases.postgres();
    }
}
