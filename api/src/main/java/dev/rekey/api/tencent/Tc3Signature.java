package dev.rekey.api.tencent;

import dev.rekey.api.Digests;

import dev.rekey.api.RawRequest;
import dev.rekey.core.Hashes;
import dev.rekey.core.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/** Recomputes a TC3-HMAC-SHA256 signature from the request as received (Tencent API 3.0 signature v3). */
final class Tc3Signature {
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private Tc3Signature() {
    }

    /** Passes silently when the signature matches; otherwise throws a {@link dev.rekey.api.Refusal}. */
    static void verify(RawRequest request, Tc3Authorization auth, String timestamp, Secret secretKey) {
        LocalDate timestampDate = LocalDate.ofInstant(Instant.ofEpochSecond(Long.parseLong(timestamp)), ZoneOffset.UTC);
        if (!auth.date().equals(timestampDate)) {
            throw TencentRefusals.signatureFailure("The Credential date " + auth.date()
                    + " is not the UTC date of X-TC-Timestamp " + timestamp + "; expected " + timestampDate + ".");
        }
        byte[] claimed = Hashes.parseHex(auth.signature());
        List<String> hosts = hostCandidates(request, auth);
        for (String host : hosts) {
            if (Digests.sameBytes(claimed, sign(request, auth, timestamp, host, secretKey))) return;
        }
        throw TencentRefusals.signatureFailure(mismatch(request, auth, timestamp, hosts));
    }

    /** Says what the signature was computed over, so a client author can find the difference; no hashes of content. */
    private static String mismatch(RawRequest request, Tc3Authorization auth, String timestamp, List<String> hosts) {
        String query = "GET".equals(request.method()) ? "the query string as received" : "an empty query";
        String host = hosts.size() > 1 ? " (host tried as " + String.join(" and ", hosts) + ")" : "";
        String payload = isUnsignedPayload(request) ? UNSIGNED_PAYLOAD : "the SHA-256 of the body as received";
        return "The TC3-HMAC-SHA256 signature does not match. Expected HMAC-SHA256 over method " + request.method()
                + ", URI /, " + query + ", SignedHeaders " + auth.signedHeaders() + host + ", " + payload
                + ", timestamp " + timestamp + " and scope " + auth.scope() + ", keyed by the SecretKey of SecretId "
                + auth.secretId() + ". Check the SecretKey and that nothing signed was changed after signing.";
    }

    /** The signature for one choice of host value; package-private so tests can show which host a client signed. */
    static byte[] sign(RawRequest request, Tc3Authorization auth, String timestamp, String host, Secret secretKey) {
        String stringToSign = Tc3Authorization.ALGORITHM + "\n" + timestamp + "\n" + auth.scope() + "\n"
                + Hashes.sha256Hex(canonicalRequest(request, auth, host));
        byte[] secret = ("TC3" + secretKey.reveal()).getBytes(StandardCharsets.UTF_8);
        byte[] kDate = Digests.hmacSha256(secret, auth.date().toString());
        byte[] kService = Digests.hmacSha256(kDate, auth.service());
        byte[] kSigning = Digests.hmacSha256(kService, "tc3_request");
        return Digests.hmacSha256(kSigning, stringToSign);
    }

    static String canonicalRequest(RawRequest request, Tc3Authorization auth, String host) {
        // The SDKs sign the query exactly as they send it, unsorted and with their own escaping (Java '+', Node %20).
        String query = "GET".equals(request.method()) && request.rawQuery() != null ? request.rawQuery() : "";
        return request.method() + "\n/\n" + query + "\n" + canonicalHeaders(request, auth, host) + "\n"
                + auth.signedHeaders() + "\n" + payloadHash(request);
    }

    private static String canonicalHeaders(RawRequest request, Tc3Authorization auth, String host) {
        var lines = new StringBuilder();
        for (String name : auth.signedHeaderNames()) {
            String value = name.equals("host") ? host : request.header(name);
            if (value == null) {
                throw TencentRefusals.invalidAuthorization("SignedHeaders names '" + name
                        + "' but the request has no such header; expected every signed header to be sent.");
            }
            lines.append(name).append(':').append(value.trim().toLowerCase(Locale.ROOT)).append('\n');
        }
        return lines.toString();
    }

    private static String payloadHash(RawRequest request) {
        return isUnsignedPayload(request) ? Hashes.sha256Hex(UNSIGNED_PAYLOAD) : Hashes.sha256Hex(request.body());
    }

    private static boolean isUnsignedPayload(RawRequest request) {
        return UNSIGNED_PAYLOAD.equals(request.header("x-tc-content-sha256"));
    }

    /**
     * The Host header as sent, then without its port: Java signs "127.0.0.1:PORT", Node signs the bare hostname while
     * sending the port. One candidate when host is not signed (its value is then unused) or has no port.
     */
    static List<String> hostCandidates(RawRequest request, Tc3Authorization auth) {
        String host = request.header("host");
        if (!auth.signedHeaderNames().contains("host")) return List.of("");
        if (host == null) {
            throw TencentRefusals.invalidAuthorization("SignedHeaders names 'host' but the request has no Host header;"
                    + " expected the Host header the client signed.");
        }
        host = host.trim();
        String bare = withoutPort(host);
        return bare.equals(host) ? List.of(host) : List.of(host, bare);
    }

    static String withoutPort(String host) {
        int colon = host.lastIndexOf(':');
        int bracket = host.lastIndexOf(']'); // IPv6 literal: the colons inside [..] are not a port separator
        if (colon <= bracket || colon == host.length() - 1) return host;
        String port = host.substring(colon + 1);
        return port.chars().allMatch(Character::isDigit) ? host.substring(0, colon) : host;
    }
}
