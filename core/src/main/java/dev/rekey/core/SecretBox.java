package dev.rekey.core;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Encrypts secrets at rest with the operator's 256-bit master key (AES-GCM, random 96-bit nonce). The sealed form is
 * {@code v1:<base64(nonce|ciphertext|tag)>}; the key's {@link #fingerprint()} lets nodes detect a key mismatch.
 */
public final class SecretBox {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;

    public SecretBox(byte[] key) {
        if (key.length != 32) throw new IllegalArgumentException("the master key must be 32 bytes");
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    public static byte[] newKey() {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        return k;
    }

    public String seal(Secret secret) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] ct = cipher.doFinal(secret.reveal().getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + ct.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(ct, 0, out, nonce.length, ct.length);
            return "v1:" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public Secret open(String sealed) {
        if (sealed == null || !sealed.startsWith("v1:")) throw new IllegalArgumentException("not a sealed secret");
        try {
            byte[] in = Base64.getDecoder().decode(sealed.substring(3));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, 12));
            byte[] pt = cipher.doFinal(in, 12, in.length - 12);
            return Secret.of(new String(pt, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a sealed secret could not be opened: wrong master key?", e);
        }
    }

    /** SHA-256 of a fixed label under the key: identifies the key without revealing it. */
    public String fingerprint() {
        byte[] d = Hashes.hmac("HmacSHA256", key.getEncoded(),
                "rekey-master-key-fingerprint".getBytes(StandardCharsets.UTF_8));
        return Hashes.sha256Hex(d).substring(0, 16);
    }
}
