package dev.rekey.store;

/** A store failure; SQL state and message only, never bound values (they may be sealed secrets). */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
