package dev.rekey.core;

/** Names of the instance attributes that more than one module reads. */
public final class Attributes {
    private Attributes() {
    }

    /** "true" when the engine accepts connections without a password. */
    public static final String PASSWORD_FREE = "password-free";
    /** The engine account whose password the product API changes (Redis: default). */
    public static final String ACCOUNT = "account";
    /** Engine version shown by describe actions. */
    public static final String ENGINE_VERSION = "engine-version";
}
