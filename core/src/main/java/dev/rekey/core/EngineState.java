package dev.rekey.core;

import java.util.Set;

/**
 * What an engine accepts now, read without a login attempt: the fingerprints of the passwords its account accepts, or
 * password-free. A fingerprint is what the engine keeps for a password: its SHA-256 (Redis ACL, Memcached), or a
 * salted crypt(3) hash (a guest's shadow entry), which only {@code matcher} can compare with a password.
 * {@code restoreData} is engine-specific material needed to put this state back (null where the fingerprints
 * suffice, as for Redis).
 */
public record EngineState(Set<String> fingerprints, boolean passwordFree, Secret restoreData, Matcher matcher) {

    /** Whether a kept fingerprint is that of a password. */
    @FunctionalInterface
    public interface Matcher {
        boolean matches(String fingerprint, Secret candidate);
    }

    /** Fingerprints that are the password's SHA-256 in lowercase hex. */
    public static final Matcher SHA256 = (fingerprint, candidate) -> fingerprint.equals(candidate.sha256Hex());

    public EngineState {
        fingerprints = Set.copyOf(fingerprints);
    }

    public EngineState(Set<String> fingerprints, boolean passwordFree, Secret restoreData) {
        this(fingerprints, passwordFree, restoreData, SHA256);
    }

    public static EngineState of(Set<String> fingerprints, boolean passwordFree) {
        return new EngineState(fingerprints, passwordFree, null);
    }

    public boolean accepts(Secret candidate) {
        return passwordFree || fingerprints.stream().anyMatch(f -> matcher.matches(f, candidate));
    }

    /** The account accepts {@code password} and nothing else (no other password, no password-free access). */
    public boolean holdsOnly(Secret password) {
        return !passwordFree && fingerprints.size() == 1 && matcher.matches(fingerprints.iterator().next(), password);
    }

    public boolean holdsExactly(String fingerprint) {
        return NOPASS.equals(fingerprint) ? passwordFree : !passwordFree && fingerprints.equals(Set.of(fingerprint));
    }

    /** The fingerprint recorded for a change to password-free access. */
    public static final String NOPASS = "nopass";
}
