package dev.rekey.server.admin;

/**
 * An answer that is an error: its HTTP status, a stable code a client can switch on ({@code bad-request},
 * {@code unauthorized}, {@code not-found}, {@code no-route}, {@code method-not-allowed}, {@code conflict},
 * {@code engine-unavailable}, {@code too-large}, {@code internal}), the field it concerns (null for the whole request)
 * and a message for people. None of them ever quotes a secret.
 */
final class ApiError extends RuntimeException {
    private final int status;
    private final String code;
    private final String field;

    ApiError(int status, String code, String field, String message) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    static ApiError badRequest(String field, String message) {
        return new ApiError(400, "bad-request", field, message);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, "not-found", null, message);
    }

    static ApiError conflict(String field, String message) {
        return new ApiError(409, "conflict", field, message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    String field() {
        return field;
    }

    /** The JSON body, with the request id the server log and the audit trail also carry. */
    Views.Error body(String requestId) {
        return new Views.Error(code, getMessage(), field, requestId);
    }
}
