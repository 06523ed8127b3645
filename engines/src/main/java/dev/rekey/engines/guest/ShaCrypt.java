package dev.rekey.engines.guest;

import dev.rekey.core.Secret;
import org.apache.commons.codec.digest.Sha2Crypt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * SHA-512 crypt ({@code $6$}, glibc/libxcrypt compatible, 5000 rounds): Rekey hashes a guest password itself and
 * sends only the hash, so the plain password never appears in the guest's process list, stdin or logs.
 */
public final class ShaCrypt {
    private static final String SALT_ALPHABET = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    /** 16 is the longest salt SHA-crypt uses; commons-codec's own default is only 8. */
    private static final int SALT_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** A crypt(3) hash: $id$... without field or line separators. Anything else might be a plain password. */
    private static final Pattern CRYPT_HASH = Pattern.compile("\\$[0-9a-z]{1,3}\\$[^:\\s\\p{Cntrl}]{1,1024}");

    private ShaCrypt() {
    }

    /** {@code $6$<16 random salt characters>$<86 characters>}. */
    public static String sha512Crypt(Secret password) {
        return withSalt(password, "$6$" + randomSalt());
    }

    /**
     * Whether {@code hash} is the SHA-crypt ({@code $5$} or {@code $6$}) hash of {@code password}, compared in constant
     * time. Other schemes (yescrypt {@code $y$}, MD5 {@code $1$}, DES) cannot be checked here and are refused.
     */
    public static boolean matches(Secret password, String hash) {
        if (hash == null || !(hash.startsWith("$6$") || hash.startsWith("$5$"))) {
            throw new IllegalArgumentException("only SHA-crypt hashes ($5$, $6$) can be checked");
        }
        String computed;
        try {
            computed = withSalt(password, hash);
        } catch (IllegalArgumentException malformedSalt) {
            return false;
        }
        return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII),
                hash.getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code salt} may be a whole hash: commons-codec reads only its "$id$[rounds=N$]salt" prefix. */
    private static String withSalt(Secret password, String salt) {
        byte[] key = password.reveal().getBytes(StandardCharsets.UTF_8);
        try {
            return salt.startsWith("$5$") ? Sha2Crypt.sha256Crypt(key, salt) : Sha2Crypt.sha512Crypt(key, salt);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Whether {@code text} has the shape of a crypt(3) hash, safe to put in a shadow line or send as crypted. */
    static boolean isCryptHash(String text) {
        return text != null && CRYPT_HASH.matcher(text).matches();
    }

    private static String randomSalt() {
        StringBuilder salt = new StringBuilder(SALT_LENGTH);
        for (int i = 0; i < SALT_LENGTH; i++) salt.append(SALT_ALPHABET.charAt(RANDOM.nextInt(SALT_ALPHABET.length())));
        return salt.toString();
    }
}
