package dev.rekey.api.aliyun;

import java.time.Instant;

/**
 * Remembers signature nonces per access key, so that a captured request cannot be replayed while its timestamp is
 * still inside the skew window. Shared by all server nodes in production (the store implements it).
 */
public interface NonceRegistry {

    /**
     * Records {@code nonce} for {@code accessKeyId} until {@code expiresAt}: true if it was not already recorded (or
     * its record has expired), false on a replay.
     */
    boolean firstUse(String accessKeyId, String nonce, Instant expiresAt);
}
