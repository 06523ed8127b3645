package dev.rekey.store;

import dev.rekey.testkit.TestDatabases;

/** The store contract on the embedded default, H2. */
class H2StoreContractTest extends StoreContractTest {
    @Override
    String newDatabase() {
        return TestDatabases.h2();
    }
}
