package dev.rekey.api.aliyun;

/** How a request claims to be signed, decided by where its signature travels. */
public enum SignatureStyle {
    /** {@code Signature} parameter, HMAC-SHA1 over the sorted parameters (old Java SDK, pop-core, new SDKs' "v2"). */
    V1,
    /** {@code Authorization: ACS3-HMAC-SHA256 ...} header (the new Java and Node SDKs' default). */
    V3,
    /** Neither: the verifier rejects it and says what is missing. */
    NONE
}
