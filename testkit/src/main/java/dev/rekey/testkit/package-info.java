/**
 * Test support shared by the modules' test suites: fresh databases (H2 and the machine's PostgreSQL) and helpers for
 * real engines. Nothing here is used at run time.
 */
package dev.rekey.testkit;
