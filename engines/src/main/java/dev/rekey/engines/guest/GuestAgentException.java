package dev.rekey.engines.guest;

import dev.rekey.core.EngineException;

/**
 * The guest agent answered a command with an error: its class (CommandNotFound, GenericError, ...) and description,
 * as the agent sent them. The agent's descriptions carry no password (they name the rule broken, never the input).
 */
public final class GuestAgentException extends EngineException {
    private final String command;
    private final String errorClass;
    private final String desc;

    public GuestAgentException(String command, String errorClass, String desc) {
        super("guest agent refused " + command + ": " + errorClass + ": " + desc);
        this.command = command;
        this.errorClass = errorClass;
        this.desc = desc;
    }

    public String command() {
        return command;
    }

    public String errorClass() {
        return errorClass;
    }

    public String desc() {
        return desc;
    }
}
