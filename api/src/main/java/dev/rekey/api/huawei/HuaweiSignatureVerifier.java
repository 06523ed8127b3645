package dev.rekey.api.huawei;

import dev.rekey.api.Digests;

import dev.rekey.api.AuthResult;
import dev.rekey.api.AuthResult.Authenticated;
import dev.rekey.api.Refusal;
import dev.rekey.api.WireRequest;
import dev.rekey.core.Cloud;
import dev.rekey.core.Credential;
import dev.rekey.core.Hashes;
import dev.rekey.core.KeyRing;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies Huawei Cloud SDK-HMAC-SHA256 (AK/SK) signatures as the API gateway does, for the Java and Node SDKs
 * alike: the canonical request is rebuilt from the request exactly as received (the Host header as sent, the
 * SignedHeaders list the client chose, the de-chunked body bytes), never from a re-encoding or our own address.
 */
public final class HuaweiSignatureVerifier {
    /** The gateway refuses an X-Sdk-Date more than 15 minutes away from its own time, in either direction. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);

    private final KeyRing keys;
    private final Clock clock;

    public HuaweiSignatureVerifier(KeyRing keys, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The credential of the request's access key, or 401 {@code APIGW.0301} saying what was wrong. The request must
     * carry the path as received (still percent-encoded) and the body already de-chunked. Whether the X-Project-Id
     * and the path's project belong to the key is for the caller, which knows the route, to check.
     */
    public AuthResult verify(WireRequest request) {
        String header = request.header("authorization");
        if (header == null) return rejected(HuaweiRefusals.missingAuthorization());
        Optional<SdkAuthorization> parsed = SdkAuthorization.parse(header);
        if (parsed.isEmpty()) return rejected(HuaweiRefusals.malformedAuthorization());
        SdkAuthorization auth = parsed.get();
        Optional<String> unsigned = auth.missingRequiredHeader();
        if (unsigned.isPresent()) return rejected(HuaweiRefusals.requiredHeaderNotSigned(unsigned.get()));
        Optional<Credential> credential = keys.find(Cloud.HUAWEI, auth.accessKey());
        if (credential.isEmpty()) return rejected(HuaweiRefusals.unknownAccessKey(auth.accessKey()));
        return checkDate(request, auth, credential.get());
    }

    private AuthResult checkDate(WireRequest request, SdkAuthorization auth, Credential credential) {
        String sdkDate = stripped(request.header("x-sdk-date"));
        Optional<Instant> signedAt = SdkDate.parse(sdkDate);
        if (signedAt.isEmpty()) return rejected(HuaweiRefusals.malformedDate());
        Instant now = clock.instant();
        if (Duration.between(signedAt.get(), now).abs().compareTo(MAX_CLOCK_SKEW) > 0) {
            return rejected(HuaweiRefusals.expired(sdkDate, now));
        }
        return checkSignature(request, auth, credential, sdkDate);
    }

    private AuthResult checkSignature(WireRequest request, SdkAuthorization auth, Credential credential,
                                      String sdkDate) {
        var headers = new ArrayList<CanonicalRequest.Header>();
        for (String name : auth.signedHeaders()) {
            String value = request.header(name); // a repeated header: the Java signer used the first value
            if (value == null) return rejected(HuaweiRefusals.signedHeaderAbsent(name));
            headers.add(new CanonicalRequest.Header(name, value.strip()));
        }
        String declaredHash = stripped(request.header("x-sdk-content-sha256"));
        String bodyHash = Hashes.sha256Hex(request.body());
        Optional<Refusal> refused = refuseDeclaredHash(declaredHash, bodyHash, request.body().length);
        if (refused.isPresent()) return rejected(refused.get());
        String payloadHash = declaredHash != null ? declaredHash : bodyHash;
        byte[] key = credential.secret().reveal().getBytes(StandardCharsets.UTF_8);
        for (String query : canonicalQueries(request.uriQuery())) {
            String canonical = CanonicalRequest.text(request.method(), request.path(), query, headers, payloadHash);
            String expected = SdkHmacSha256.signature(key, SdkHmacSha256.stringToSign(sdkDate, canonical));
            if (Digests.sameText(expected, auth.signature())) return new Authenticated(credential);
        }
        return rejected(HuaweiRefusals.signatureMismatch());
    }

    /**
     * X-Sdk-Content-Sha256 replaces the body hash in the canonical request. A declared hash must be the body's real
     * one, or the body would go unchecked; UNSIGNED-PAYLOAD only for an empty body, because these bodies carry
     * passwords that could otherwise be swapped in transit (the SDKs never send it for JSON bodies).
     */
    private static Optional<Refusal> refuseDeclaredHash(String declaredHash, String bodyHash, int bodyLength) {
        if (declaredHash == null) return Optional.empty();
        if (declaredHash.equals(SdkHmacSha256.UNSIGNED_PAYLOAD)) {
            return bodyLength == 0 ? Optional.empty() : Optional.of(HuaweiRefusals.unsignedBody());
        }
        return declaredHash.equalsIgnoreCase(bodyHash)
                ? Optional.empty() : Optional.of(HuaweiRefusals.payloadHashMismatch());
    }

    /**
     * The Java SDK signs repeated query values in wire order, the Node SDK sorts them; both forms are accepted
     * (they are the same string unless a key repeats out of order).
     */
    private static Set<String> canonicalQueries(List<Map.Entry<String, String>> query) {
        return new LinkedHashSet<>(List.of(CanonicalRequest.decodedQuery(query, false),
                CanonicalRequest.decodedQuery(query, true)));
    }

    private static AuthResult rejected(Refusal refusal) {
        return new AuthResult.Rejected(refusal);
    }

    private static String stripped(String value) {
        return value == null ? null : value.strip();
    }
}
