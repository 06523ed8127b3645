/**
 * A whole Redis deployment as one password engine: a primary with replicas and Sentinels, or a Redis Cluster whose
 * nodes are discovered at every change. Changes are all-or-nothing across nodes and never break replication.
 */
package dev.rekey.engines.redis.deployment;
