/**
 * The Tencent Cloud API 3.0 dialect: verifies TC3-HMAC-SHA256 and legacy HmacSHA1/HmacSHA256 signatures exactly as the
 * official SDKs compute them, and reads a request's Action, Version, Region and business parameters.
 */
package dev.rekey.api.tencent;
