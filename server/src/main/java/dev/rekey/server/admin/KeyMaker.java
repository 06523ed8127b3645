package dev.rekey.server.admin;

import dev.rekey.core.Cloud;
import dev.rekey.core.Credential;
import dev.rekey.core.Secret;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * New API key pairs in each cloud's own shapes, so that SDKs and tools that check a key's look accept them: Tencent
 * {@code AKID} + 32 characters and a 32-character key; Aliyun {@code LTAI} + 20 and a 30-character secret; Huawei a
 * 20-character upper-case AK, a 40-character SK and a 32-hex-digit project id (unless one is given).
 */
final class KeyMaker {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private KeyMaker() {
    }

    static Credential make(Cloud cloud, String tenant, String projectId) {
        return switch (cloud) {
            case TENCENT -> new Credential(cloud, tenant, "AKID" + random(ALNUM, 32), Secret.of(random(ALNUM, 32)), null);
            case ALIYUN -> new Credential(cloud, tenant, "LTAI" + random(ALNUM, 20), Secret.of(random(ALNUM, 30)), null);
            case HUAWEI -> new Credential(cloud, tenant, random(UPPER, 20), Secret.of(random(ALNUM, 40)),
                    projectId != null ? projectId : HexFormat.of().formatHex(bytes(16)));
        };
    }

    private static String random(String alphabet, int length) {
        var sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        return sb.toString();
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
