package dev.rekey.api.tencent;

import dev.rekey.api.AuthResult;
import dev.rekey.api.RawRequest;
import dev.rekey.api.Refusal;
import dev.rekey.api.WireRequest;
import dev.rekey.core.Cloud;
import dev.rekey.core.Credential;
import dev.rekey.core.KeyRing;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Verifies a Tencent Cloud API 3.0 request as the official SDKs sign it: TC3-HMAC-SHA256 in the Authorization header,
 * or the legacy HmacSHA1/HmacSHA256 signature in the query or form parameters. Rejections carry Tencent's
 * {@code AuthFailure.*} codes with HTTP 200, and messages that say what was expected, never a key or a signature.
 */
public final class TencentSignatureVerifier {
    /** Tencent's documented tolerance between the client's timestamp and server time. */
    static final long MAX_SKEW_SECONDS = 300;

    private static final Pattern UNIX_SECONDS = Pattern.compile("[0-9]{1,12}");

    private final KeyRing keys;
    private final Clock clock;

    public TencentSignatureVerifier(KeyRing keys, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public AuthResult verify(WireRequest request) {
        try {
            return new AuthResult.Authenticated(authenticate(request));
        } catch (Refusal refusal) {
            return new AuthResult.Rejected(refusal);
        }
    }

    private Credential authenticate(WireRequest request) {
        String authorization = request.header("authorization");
        if (Tc3Authorization.isTc3(authorization)) return verifyTc3(request.raw(), Tc3Authorization.parse(authorization));
        List<Map.Entry<String, String>> params = params(request);
        if (LegacySignature.isLegacy(params)) return verifyLegacy(request.raw(), LegacySignature.parse(params));
        if (authorization != null) {
            String algorithm = authorization.strip().split("\\s", 2)[0];
            throw TencentRefusals.invalidAuthorization("The Authorization algorithm " + TencentRefusals.quote(algorithm)
                    + " is not supported; expected " + Tc3Authorization.ALGORITHM + ".");
        }
        throw TencentRefusals.invalidAuthorization("The request is not signed; expected an Authorization header '"
                + Tc3Authorization.ALGORITHM + " Credential=..., SignedHeaders=..., Signature=...' or the legacy"
                + " parameters SecretId, Timestamp, Nonce, SignatureMethod and Signature.");
    }

    private Credential verifyTc3(RawRequest request, Tc3Authorization auth) {
        String timestamp = requireFresh(request.header("x-tc-timestamp"), "X-TC-Timestamp header");
        Credential credential = credentialOf(auth.secretId());
        Tc3Signature.verify(request, auth, timestamp, credential.secret());
        return credential;
    }

    private Credential verifyLegacy(RawRequest request, LegacySignature legacy) {
        requireFresh(legacy.timestamp(), "Timestamp parameter");
        Credential credential = credentialOf(legacy.secretId());
        legacy.verify(request, credential.secret());
        return credential;
    }

    private static List<Map.Entry<String, String>> params(WireRequest request) {
        try {
            return TencentParser.pairs(request);
        } catch (IllegalArgumentException e) {
            throw TencentRefusals.invalidAuthorization("The signature parameters cannot be read: " + e.getMessage() + ".");
        }
    }

    /** Returns the timestamp as sent (it is signed as text) once it is within the window. */
    private String requireFresh(String timestamp, String what) {
        if (timestamp == null || !UNIX_SECONDS.matcher(timestamp.trim()).matches()) {
            throw TencentRefusals.invalidAuthorization("The " + what + (timestamp == null ? " is missing" : " is not a number")
                    + "; expected the request time in Unix seconds.");
        }
        long sent = Long.parseLong(timestamp.trim());
        long now = clock.instant().getEpochSecond();
        long skew = Math.abs(now - sent);
        if (skew > MAX_SKEW_SECONDS) {
            throw TencentRefusals.signatureExpire("The " + what + " " + sent + " (" + Instant.ofEpochSecond(sent) + ") is "
                    + skew + " s away from server time " + Instant.ofEpochSecond(now) + "; expected at most "
                    + MAX_SKEW_SECONDS + " s. Check the client's clock and sign each request anew.");
        }
        return timestamp.trim();
    }

    private Credential credentialOf(String secretId) {
        return keys.find(Cloud.TENCENT, secretId).orElseThrow(() -> TencentRefusals.secretIdNotFound("The SecretId "
                + TencentRefusals.quote(secretId) + " is not known; expected the SecretId of an API key of this server."));
    }
}
