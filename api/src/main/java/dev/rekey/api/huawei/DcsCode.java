package dev.rekey.api.huawei;

/**
 * One row of the public DCS error-code table: the HTTP status, the code ({@code DCS.4019}, or a v1.0 numeric code
 * such as {@code 111400019}) and the documented message text.
 */
public record DcsCode(int status, String code, String message) {

    public boolean isV1Numeric() {
        return !code.startsWith("DCS.");
    }
}
