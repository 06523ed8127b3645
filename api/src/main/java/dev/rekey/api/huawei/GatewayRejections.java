package dev.rekey.api.huawei;

import dev.rekey.api.AuthResult.Rejected;
import java.time.Instant;

/**
 * The API gateway's answers to a failed AK/SK check: HTTP 401 {@code APIGW.0301} with the documented
 * {@code error_msg} texts (protocol notes §2.4); cases the gateway does not document get the same code and prefix
 * with a plain statement of what was wrong.
 */
final class GatewayRejections {
    static final String CODE = "APIGW.0301";
    static final int STATUS = 401;
    private static final String PREFIX = "Incorrect IAM authentication information: ";

    private GatewayRejections() {
    }

    static Rejected missingAuthorization() {
        return reject("the Authorization header is missing");
    }

    static Rejected malformedAuthorization() {
        return reject("the Authorization header is not of the form "
                + "'SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<h1;h2;...>, Signature=<64 lower-case hex>'");
    }

    static Rejected requiredHeaderNotSigned(String name) {
        return reject("SignedHeaders must include " + name);
    }

    static Rejected unknownAccessKey(String accessKey) {
        return reject("Get secretKey failed,ak:" + accessKey + ",err:ak not exist");
    }

    static Rejected malformedDate() {
        return reject("the X-Sdk-Date header is missing or not of the form yyyyMMdd'T'HHmmss'Z'");
    }

    static Rejected expired(String sdkDate, Instant now) {
        return reject("signature expired, signature time:" + sdkDate + ",server time:" + SdkDate.format(now));
    }

    static Rejected signedHeaderAbsent(String name) {
        return reject("the signed header " + name + " is not in the request");
    }

    static Rejected payloadHashMismatch() {
        return reject("X-Sdk-Content-Sha256 does not match the request body");
    }

    static Rejected unsignedBody() {
        return reject("X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD is refused for a request with a body");
    }

    static Rejected signatureMismatch() {
        return reject("verify aksk signature fail");
    }

    private static Rejected reject(String detail) {
        return new Rejected(CODE, PREFIX + detail, STATUS);
    }
}
