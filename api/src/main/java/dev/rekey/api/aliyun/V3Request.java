package dev.rekey.api.aliyun;

import dev.rekey.api.Digests;

import dev.rekey.api.WireRequest;
import dev.rekey.core.Hashes;
import dev.rekey.core.Secret;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A V3 ({@code ACS3-HMAC-SHA256}) request: a canonical request of method, path, sorted query, the headers the client
 * listed in SignedHeaders and the body hash; its SHA-256 is signed with HMAC-SHA256 and the AccessKeySecret (no "&").
 */
final class V3Request implements SignedRequest {
    private final WireRequest request;
    private final Acs3Authorization authorization;

    private V3Request(WireRequest request, Acs3Authorization authorization) {
        this.request = request;
        this.authorization = authorization;
    }

    static V3Request read(WireRequest request) {
        var authorization = Acs3Authorization.parse(request.header("authorization"));
        for (String name : new String[] {"x-acs-date", "x-acs-signature-nonce"}) {
            String value = request.header(name);
            if (value == null || value.isBlank()) throw AliyunRefusals.missing(name);
        }
        requireSignedHeadersPresent(request, authorization);
        requireAcsHeadersSigned(request, authorization);
        return new V3Request(request, authorization);
    }

    @Override
    public String accessKeyId() {
        return authorization.accessKeyId();
    }

    @Override
    public String nonce() {
        return request.header("x-acs-signature-nonce").trim();
    }

    @Override
    public String timestampName() {
        return "x-acs-date";
    }

    @Override
    public String timestamp() {
        return request.header("x-acs-date").trim();
    }

    @Override
    public Optional<String> mismatch(Secret secret) {
        String bodyHash = Hashes.sha256Hex(request.body());
        String claimedHash = request.header("x-acs-content-sha256");
        if (claimedHash != null && !claimedHash.trim().equalsIgnoreCase(bodyHash)) {
            return Optional.of("x-acs-content-sha256 is not the SHA-256 of the request body.");
        }
        String expected = Hashes.hex(Digests.hmac("HmacSHA256", secret.reveal(), stringToSign()));
        if (Digests.sameText(expected, authorization.signature().toLowerCase(Locale.ROOT))) return Optional.empty();
        return Optional.of("ACS3-HMAC-SHA256 signs the canonical request (method, path, sorted query, the headers in"
                + " SignedHeaders=" + authorization.signedHeaders() + ", body hash) with the AccessKeySecret;"
                + " check the AccessKeySecret.");
    }

    String stringToSign() {
        return Acs3Authorization.ALGORITHM + "\n"
                + Hashes.sha256Hex(canonicalRequest().getBytes(StandardCharsets.UTF_8));
    }

    /** Empty query values stay as {@code Key=}; the canonical headers end with "\n", so a blank line follows them. */
    String canonicalRequest() {
        String path = request.path() == null || request.path().isEmpty() ? "/" : request.path();
        return request.method() + "\n" + path + "\n" + canonicalQuery() + "\n" + canonicalHeaders() + "\n"
                + authorization.signedHeaders() + "\n" + Hashes.sha256Hex(request.body());
    }

    private String canonicalQuery() {
        return request.formQuery().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(p -> PercentEncoding.encode(p.getKey()) + "=" + PercentEncoding.encode(p.getValue()))
                .collect(Collectors.joining("&"));
    }

    private String canonicalHeaders() {
        var out = new StringBuilder();
        for (String name : authorization.headerNames()) {
            String lower = name.toLowerCase(Locale.ROOT);
            out.append(lower).append(':').append(request.header(lower).trim()).append('\n');
        }
        return out.toString();
    }

    private static void requireSignedHeadersPresent(WireRequest request, Acs3Authorization authorization) {
        for (String name : authorization.headerNames()) {
            if (request.header(name) == null) {
                throw AliyunRefusals.incomplete("SignedHeaders lists '" + AliyunRefusals.shown(name)
                        + "' but the request has no such header.");
            }
        }
    }

    /** The SDKs sign every x-acs-* header; one left unsigned (x-acs-action, say) could be changed in transit. */
    private static void requireAcsHeadersSigned(WireRequest request, Acs3Authorization authorization) {
        var signed = authorization.headerNames().stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
        for (String name : request.raw().headers().keySet()) {
            if (name.startsWith("x-acs-") && !signed.contains(name)) {
                throw AliyunRefusals.incomplete("Header " + name + " is not listed in SignedHeaders; every x-acs-*"
                        + " header must be signed.");
            }
        }
    }
}
