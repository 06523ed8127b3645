package dev.rekey.engines.redis.deployment;

import dev.rekey.core.EngineException;
import dev.rekey.core.EngineState;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * ACL SETUSER rules that move the account from one access to another through their union, so no password a client
 * or a replica may use stops working before the replication logins have moved. Passwords only ever travel as
 * {@code #<sha256>} rules.
 */
final class AccessRules {

    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{64}");

    private AccessRules() {
    }

    /** What the account accepts once widened: password-free if either side is, else both sides' passwords. */
    static EngineState union(EngineState from, EngineState to) {
        if (from.passwordFree() || to.passwordFree()) return EngineState.of(Set.of(), true);
        Set<String> both = new TreeSet<>(from.fingerprints());
        both.addAll(to.fingerprints());
        return EngineState.of(both, false);
    }

    /** Rules adding what {@code to} has and {@code from} lacks; empty when {@code from} already accepts it all. */
    static List<String> widen(EngineState from, EngineState to) throws EngineException {
        if (from.passwordFree()) return List.of();
        if (to.passwordFree()) return List.of("nopass");
        List<String> rules = new ArrayList<>();
        for (String fingerprint : new TreeSet<>(to.fingerprints())) {
            if (!from.fingerprints().contains(fingerprint)) rules.add(hashRule(fingerprint));
        }
        return rules;
    }

    /** Rules adding everything {@code state} accepts to whatever the account holds now. */
    static List<String> adding(EngineState state) throws EngineException {
        return widen(EngineState.of(Set.of(), false), state);
    }

    /** Rules leaving exactly {@code to}; empty when the union already is exactly that. */
    static List<String> narrow(EngineState from, EngineState to) throws EngineException {
        return same(union(from, to), to) ? List.of() : exactly(to);
    }

    /** Rules that make the account accept exactly {@code state}. */
    static List<String> exactly(EngineState state) throws EngineException {
        List<String> rules = new ArrayList<>(List.of("resetpass"));
        if (state.passwordFree()) {
            rules.add("nopass");
        } else {
            for (String fingerprint : new TreeSet<>(state.fingerprints())) rules.add(hashRule(fingerprint));
        }
        return rules;
    }

    static boolean same(EngineState a, EngineState b) {
        return a.passwordFree() == b.passwordFree() && (a.passwordFree() || a.fingerprints().equals(b.fingerprints()));
    }

    private static String hashRule(String fingerprint) throws EngineException {
        if (!FINGERPRINT.matcher(fingerprint).matches()) {
            throw new EngineException("cannot set a fingerprint that is not 64 lowercase hex digits");
        }
        return "#" + fingerprint;
    }
}
