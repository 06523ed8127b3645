package dev.rekey.api.aliyun;

import dev.rekey.core.Secret;

import java.util.Optional;

/** What a V1 or V3 request offers to the checks both versions share: whose key, which nonce, when, and the proof. */
interface SignedRequest {

    String accessKeyId();

    String nonce();

    /** The name of the header or parameter the timestamp came from, for error messages. */
    String timestampName();

    String timestamp();

    /** Empty when the signature matches the one computed with {@code secret}; otherwise why it does not. */
    Optional<String> mismatch(Secret secret);
}
