package dev.rekey.api.aliyun;

import dev.rekey.api.AuthResult;
import dev.rekey.api.Refusal;
import dev.rekey.api.WireRequest;
import dev.rekey.core.Cloud;
import dev.rekey.core.Credential;
import dev.rekey.core.KeyRing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Verifies an Aliyun RPC request signed with V1 (HMAC-SHA1) or V3 (ACS3-HMAC-SHA256), answering with the gateway's
 * own codes: missing pieces, timestamp format and 15-minute skew, unknown key (404), signature, then nonce replay.
 * The nonce is recorded only after the signature matched, so that nobody can burn another caller's nonces.
 */
public final class AliyunSignatureVerifier {
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final KeyRing keys;
    private final NonceRegistry nonces;
    private final Clock clock;

    public AliyunSignatureVerifier(KeyRing keys, NonceRegistry nonces, Clock clock) {
        this.keys = keys;
        this.nonces = nonces;
        this.clock = clock;
    }

    public AuthResult verify(WireRequest request) {
        try {
            return new AuthResult.Authenticated(check(signedRequest(request)));
        } catch (Refusal refusal) {
            return new AuthResult.Rejected(refusal);
        }
    }

    private Credential check(SignedRequest signed) {
        Instant at = timestamp(signed);
        Credential credential = keys.find(Cloud.ALIYUN, signed.accessKeyId())
                .orElseThrow(() -> AliyunRefusals.unknownKey(signed.accessKeyId()));
        signed.mismatch(credential.secret()).ifPresent(why -> {
            throw AliyunRefusals.mismatch(why);
        });
        // Past at + WINDOW the timestamp check refuses the request anyway, so the nonce need not outlive that.
        if (!nonces.firstUse(signed.accessKeyId(), signed.nonce(), at.plus(WINDOW))) throw AliyunRefusals.nonceUsed();
        return credential;
    }

    private static SignedRequest signedRequest(WireRequest request) {
        var pairs = AliyunParser.pairs(request);
        var style = AliyunParser.styleOf(request, pairs);
        return switch (style) {
            case V3 -> V3Request.read(request);
            case V1 -> V1Request.read(request.method(), pairs);
            case NONE -> {
                if (request.header("authorization") != null) {
                    throw AliyunRefusals.incomplete("The Authorization header is not ACS3-HMAC-SHA256 and there is no"
                            + " Signature parameter.");
                }
                yield V1Request.read(request.method(), pairs); // names the first V1 parameter missing
            }
        };
    }

    private Instant timestamp(SignedRequest signed) {
        Instant at;
        try {
            at = Instant.parse(signed.timestamp());
        } catch (DateTimeParseException e) {
            throw AliyunRefusals.badTimestamp(signed.timestampName(), signed.timestamp());
        }
        Instant now = clock.instant();
        if (Duration.between(at, now).abs().compareTo(WINDOW) > 0) {
            throw AliyunRefusals.expiredTimestamp(signed.timestampName(), signed.timestamp(), now.toString());
        }
        return at;
    }
}
