/**
 * Tencent Cloud API 3.0: TC3 and legacy signatures, one parser for its JSON and form encodings, the HTTP-200
 * {@code Response} envelope, and the route tables of Redis (2018-04-12, {@link dev.rekey.api.tencent.TencentRedisRoute})
 * and CVM (2017-03-12, {@link dev.rekey.api.tencent.TencentCvmRoute}).
 */
package dev.rekey.api.tencent;
