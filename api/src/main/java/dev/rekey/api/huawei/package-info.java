/**
 * The Huawei Cloud (DCS) dialect: the v2 password, reset, show and list APIs and the v1.0 password API (routed by
 * method and path: {@link dev.rekey.api.huawei.DcsRoute}) behind SDK-HMAC-SHA256 (AK/SK) verification, with the DCS
 * v2, v1.0 and API gateway error envelopes and the public code table.
 */
package dev.rekey.api.huawei;
