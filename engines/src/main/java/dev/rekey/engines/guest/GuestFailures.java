package dev.rekey.engines.guest;

/**
 * The part of a low-level failure that may reach an API client: what went wrong, without the host's paths (an
 * IOException's message is often just the file's path). The full detail goes to the server log where it happens.
 */
final class GuestFailures {
    private GuestFailures() {
    }

    static String reason(Exception e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        if (message == null || message.isBlank() || message.contains("/")) return kind;
        return kind + ": " + message;
    }
}
