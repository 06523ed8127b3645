/**
 * The Alibaba Cloud RPC dialect: reads Action, Version and parameters from query, form body and x-acs headers,
 * verifies V1 (HMAC-SHA1) and V3 (ACS3-HMAC-SHA256) signatures, and serves ApsaraDB for Redis 2015-01-01 (its route
 * table: {@link dev.rekey.api.aliyun.AliyunRedisRoute}) in JSON or XML.
 */
package dev.rekey.api.aliyun;
