/**
 * The admin API on its own port: tenants and their keys, instances, operations and the audit trail as JSON resources
 * under {@code /api/}, behind a bearer token; the OpenAPI document and the Prometheus metrics beside them.
 */
package dev.rekey.server.admin;
