/**
 * Prometheus metrics (Micrometer), named {@code rekey_*}: requests as the access lines record them, rate-limit
 * refusals, engines up and down on this node, and the fleet's operations and lockouts read from the store.
 */
package dev.rekey.server.metrics;
