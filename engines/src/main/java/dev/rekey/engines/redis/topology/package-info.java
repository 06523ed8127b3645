/**
 * Redis topologies that Rekey spawns and owns for tests and the demo: a primary with replicas and Sentinels, and a
 * Redis Cluster; each node in a private folder, stopped by pid, adopted or resumed after a Rekey restart.
 */
package dev.rekey.engines.redis.topology;
