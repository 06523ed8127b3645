package dev.rekey.api.huawei;

import dev.rekey.api.Refusal;
import dev.rekey.core.Failure;

import java.time.Instant;

/**
 * Huawei's refusals. A DCS code of the public table carries its status and documented text, followed by what exactly
 * was wrong with this request ({@link #dcs}); the API gateway's own answers (authentication, throttling) are not in
 * that table: a failed AK/SK check is HTTP 401 {@code APIGW.0301} with the documented {@code error_msg} texts
 * (protocol notes §2.4), and cases the gateway does not document get the same code and prefix with a plain
 * statement of what was wrong.
 */
final class HuaweiRefusals {
    static final String AUTH_CODE = "APIGW.0301";
    private static final String AUTH_PREFIX = "Incorrect IAM authentication information: ";

    private HuaweiRefusals() {
    }

    static Refusal dcs(String code, String detail) {
        return dcs(code, "value", detail, null);
    }

    /** For the table's texts with a placeholder ("Invalid {0} parameter in the request."): {@code argument} fills it. */
    static Refusal dcs(String code, String argument, String detail) {
        return dcs(code, argument, detail, null);
    }

    static Refusal dcs(String code, String detail, Failure failure) {
        return dcs(code, "value", detail, failure);
    }

    private static Refusal dcs(String code, String argument, String detail, Failure failure) {
        DcsCode row = DcsErrorTable.SHIPPED.require(code);
        String documented = row.message().replace("{0}", argument);
        String message = detail == null || detail.isEmpty() ? documented : documented + " " + detail;
        return new Refusal(row.status(), code, message, failure);
    }

    /** The gateway's throttling answer; DCS's own table has no code for it. */
    static Refusal throttled(String detail, Failure failure) {
        return new Refusal(429, "APIGW.0308", "The throttling threshold has been reached. " + detail, failure);
    }

    static Refusal missingAuthorization() {
        return authentication("the Authorization header is missing");
    }

    static Refusal malformedAuthorization() {
        return authentication("the Authorization header is not of the form "
                + "'SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<h1;h2;...>, Signature=<64 lower-case hex>'");
    }

    static Refusal requiredHeaderNotSigned(String name) {
        return authentication("SignedHeaders must include " + name);
    }

    static Refusal unknownAccessKey(String accessKey) {
        return authentication("Get secretKey failed,ak:" + accessKey + ",err:ak not exist");
    }

    static Refusal malformedDate() {
        return authentication("the X-Sdk-Date header is missing or not of the form yyyyMMdd'T'HHmmss'Z'");
    }

    static Refusal expired(String sdkDate, Instant now) {
        return authentication("signature expired, signature time:" + sdkDate + ",server time:" + SdkDate.format(now));
    }

    static Refusal signedHeaderAbsent(String name) {
        return authentication("the signed header " + name + " is not in the request");
    }

    static Refusal payloadHashMismatch() {
        return authentication("X-Sdk-Content-Sha256 does not match the request body");
    }

    static Refusal unsignedBody() {
        return authentication("X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD is refused for a request with a body");
    }

    static Refusal signatureMismatch() {
        return authentication("verify aksk signature fail");
    }

    private static Refusal authentication(String detail) {
        return new Refusal(401, AUTH_CODE, AUTH_PREFIX + detail);
    }
}
