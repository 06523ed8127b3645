package dev.rekey.engines.guest;

import java.util.Set;

/** What {@code guest-info} reports: the agent's version and which commands are enabled or disabled (blocklisted). */
public record AgentInfo(String version, Set<String> enabledCommands, Set<String> disabledCommands) {

    public AgentInfo {
        enabledCommands = Set.copyOf(enabledCommands);
        disabledCommands = Set.copyOf(disabledCommands);
    }

    public boolean isEnabled(String command) {
        return enabledCommands.contains(command);
    }
}
