package dev.rekey.core;

import java.util.Set;

/**
 * What an engine accepts now, read without a login attempt: the SHA-256 fingerprints of the passwords its account
 * accepts, or password-free. {@code restoreData} is engine-specific material needed to put this state back (null
 * where the fingerprints suffice, as for Redis).
 */
public record EngineState(Set<String> fingerprints, boolean passwordFree, Secret restoreData) {

    public EngineState {
        fingerprints = Set.copyOf(fingerprints);
    }

    public static EngineState of(Set<String> fingerprints, boolean passwordFree) {
        return new EngineState(fingerprints, passwordFree, null);
    }

    public boolean accepts(Secret candidate) {
        return passwordFree || fingerprints.contains(candidate.sha256Hex());
    }

    public boolean holdsExactly(String fingerprint) {
        return NOPASS.equals(fingerprint) ? passwordFree : !passwordFree && fingerprints.equals(Set.of(fingerprint));
    }

    /** The fingerprint recorded for a change to password-free access. */
    public static final String NOPASS = "nopass";
}
