package dev.rekey.core;

/** An engine did not answer, refused the control connection, or did not take a change. Messages carry no secret. */
public class EngineException extends Exception {
    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
