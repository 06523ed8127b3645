/**
 * Test support shared by the modules' test suites: fresh databases (H2 and the machine's PostgreSQL), a clock tests
 * move by hand, bounded waits for a condition, and the contract every password engine must honour. Nothing here is
 * used at run time; it depends on the core only, so that the engines' tests can use it.
 */
package dev.rekey.testkit;
