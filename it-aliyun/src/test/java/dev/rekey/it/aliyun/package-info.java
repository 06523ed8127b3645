/**
 * Both official Alibaba Cloud Java SDKs (the current V3 one and the classic V1 one) and hand-signed raw requests
 * against a running Rekey whose ApsaraDB for Redis instances are real, spawned redis-servers.
 */
package dev.rekey.it.aliyun;
