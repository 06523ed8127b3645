package dev.rekey.api.tencent;

/**
 * The request's parameters cannot be read. {@code code} is Tencent's error code ({@code InvalidParameter},
 * {@code MissingParameter}, {@code UnsupportedProtocol}); the message names the parameter, never its value.
 */
public final class TencentParameterException extends RuntimeException {
    static final String INVALID_PARAMETER = "InvalidParameter";
    static final String MISSING_PARAMETER = "MissingParameter";
    static final String UNSUPPORTED_PROTOCOL = "UnsupportedProtocol";

    private final String code;

    TencentParameterException(String code, String message) {
        super(message, null, false, false); // a client error: no stack trace, and no cause that may quote the input
        this.code = code;
    }

    public String code() {
        return code;
    }

    static TencentParameterException invalid(String message) {
        return new TencentParameterException(INVALID_PARAMETER, message);
    }
}
