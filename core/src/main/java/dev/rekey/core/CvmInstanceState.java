package dev.rekey.core;

import java.util.Locale;
import java.util.Optional;

/**
 * A CVM instance's state with the real service's names (DescribeInstances InstanceState, plus the states its error
 * codes name: FREEZING, ISOLATING, BANNING, CORRUPTED, TERMINATED). Rekey's model of the instance's power; any value can
 * be pinned in the configuration so that every refusal can be produced.
 */
public enum CvmInstanceState {
    PENDING, LAUNCH_FAILED, RUNNING, STOPPED, STARTING, STOPPING, REBOOTING, SHUTDOWN, TERMINATING, TERMINATED,
    ENTER_RESCUE_MODE, RESCUE_MODE, EXIT_RESCUE_MODE,
    ENTER_SERVICE_LIVE_MIGRATE, SERVICE_LIVE_MIGRATE, EXIT_SERVICE_LIVE_MIGRATE,
    FREEZING, ISOLATING, BANNING, CORRUPTED;

    /** The state named {@code text} (case-insensitive), if there is one. */
    public static Optional<CvmInstanceState> parse(String text) {
        if (text == null) return Optional.empty();
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The state in the PascalCase that error codes use: ENTER_RESCUE_MODE → EnterRescueMode. */
    public String pascalCase() {
        var out = new StringBuilder();
        for (String word : name().split("_")) {
            out.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }

    /** Whether a spawned guest's agent process runs in this state (a stopped or never-started machine has none). */
    public boolean agentRuns() {
        return switch (this) {
            case STOPPED, SHUTDOWN, PENDING, LAUNCH_FAILED, TERMINATED -> false;
            default -> true;
        };
    }
}
