/**
 * The Huawei Cloud (DCS) dialect: SDK-HMAC-SHA256 (AK/SK) signature verification and signing, and the DCS and API
 * gateway error envelopes with the public DCS error-code table.
 */
package dev.rekey.api.huawei;
