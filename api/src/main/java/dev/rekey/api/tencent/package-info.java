/**
 * Tencent Cloud API 3.0: TC3 and legacy signatures, the HTTP-200 {@code Response} envelope, and the Redis (2018-04-12)
 * and CVM (2017-03-12) actions, each product a {@link dev.rekey.api.tencent.TencentProduct}.
 */
package dev.rekey.api.tencent;
