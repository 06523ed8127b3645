package dev.rekey.core;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The passwords of a change that another node must check and apply, as one text to seal into the operation (and
 * erased when it ends). Either may be absent: a reset has no old password, password-free access no new one.
 */
public record RequestSecrets(Secret oldPassword, Secret newPassword) {

    public Secret encode() {
        return Secret.of(part(oldPassword) + ":" + part(newPassword));
    }

    public static RequestSecrets decode(Secret encoded) {
        String[] parts = encoded.reveal().split(":", -1);
        if (parts.length != 2) throw new IllegalArgumentException("not encoded request secrets");
        return new RequestSecrets(secret(parts[0]), secret(parts[1]));
    }

    private static String part(Secret s) {
        return s == null ? "-" : Base64.getEncoder().encodeToString(s.reveal().getBytes(StandardCharsets.UTF_8));
    }

    private static Secret secret(String part) {
        return "-".equals(part) ? null : Secret.of(new String(Base64.getDecoder().decode(part), StandardCharsets.UTF_8));
    }
}
