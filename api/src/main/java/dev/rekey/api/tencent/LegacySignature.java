package dev.rekey.api.tencent;

import dev.rekey.api.Digests;
import dev.rekey.api.FormCodec;

import dev.rekey.api.RawRequest;
import dev.rekey.core.Secret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A legacy (v1) HmacSHA1/HmacSHA256 signature: {@code Base64(HMAC(SecretKey, METHOD + Host + "/?" + params))}, the
 * params decoded, without {@code Signature}, sorted by name. Built from the query of a GET or the form body of a POST.
 */
record LegacySignature(String secretId, String timestamp, String method, String signature,
                       List<Map.Entry<String, String>> signedParams) {

    private static final List<String> MARKERS = List.of("Signature", "SecretId", "SignatureMethod");
    private static final List<String> REQUIRED = List.of("Signature", "SecretId", "Timestamp");
    private static final List<String> METHODS = List.of("HmacSHA1", "HmacSHA256");

    /** A request is v1 when it carries any of the signing parameters; it must then carry all required ones. */
    static boolean isLegacy(List<Map.Entry<String, String>> params) {
        return MARKERS.stream().anyMatch(name -> FormCodec.first(params, name) != null);
    }

    static LegacySignature parse(List<Map.Entry<String, String>> params) {
        List<String> missing = REQUIRED.stream().filter(name -> isBlank(FormCodec.first(params, name))).toList();
        if (!missing.isEmpty()) {
            throw TencentRefusals.invalidAuthorization("The legacy (v1) signed request lacks " + String.join(", ", missing)
                    + "; expected parameters Signature, SecretId, Timestamp, Nonce and SignatureMethod"
                    + " (or a TC3-HMAC-SHA256 Authorization header).");
        }
        String method = FormCodec.first(params, "SignatureMethod");
        method = method == null ? "HmacSHA1" : method; // the public docs: absent means HmacSHA1
        if (!METHODS.contains(method)) {
            throw TencentRefusals.invalidAuthorization("SignatureMethod " + TencentRefusals.quote(method)
                    + " is not supported; expected HmacSHA1 or HmacSHA256.");
        }
        List<Map.Entry<String, String>> signed = new ArrayList<>(params);
        signed.removeIf(pair -> pair.getKey().equals("Signature"));
        signed.sort(Map.Entry.comparingByKey(Comparator.naturalOrder())); // stable: repeated names keep their order
        return new LegacySignature(FormCodec.first(params, "SecretId"), FormCodec.first(params, "Timestamp"),
                method, FormCodec.first(params, "Signature"), List.copyOf(signed));
    }

    /** Passes silently when the signature matches; otherwise throws a {@link dev.rekey.api.Refusal}. */
    void verify(RawRequest request, Secret secretKey) {
        String host = request.header("host");
        if (host == null) {
            throw TencentRefusals.invalidAuthorization("The request has no Host header; the legacy signature covers it.");
        }
        byte[] expected = Digests.hmac(method, secretKey.reveal().getBytes(StandardCharsets.UTF_8),
                stringToSign(request.method(), host.trim()));
        if (!Digests.sameBytes(expected, claimedBytes())) {
            throw TencentRefusals.signatureFailure("The " + method + " signature does not match. Expected Base64(" + method
                    + "(SecretKey of SecretId " + secretId + ", " + request.method() + " + Host " + host.trim()
                    + " + \"/?\" + the decoded parameters sorted by name, joined as name=value with '&', without"
                    + " Signature)). Parameters signed: " + names() + ".");
        }
    }

    String stringToSign(String httpMethod, String host) {
        String params = signedParams.stream()
                .map(p -> p.getKey() + "=" + p.getValue())
                .collect(Collectors.joining("&"));
        return httpMethod + host + "/?" + params;
    }

    private byte[] claimedBytes() {
        try {
            // A client that forgot to escape '+' sends it raw, and form decoding turns it into a space.
            return Base64.getDecoder().decode(signature.replace(' ', '+'));
        } catch (IllegalArgumentException e) {
            throw TencentRefusals.invalidAuthorization("Signature is not Base64; expected the URL-encoded Base64 of the HMAC.");
        }
    }

    /** Only the names: the values may hold a password. */
    private String names() {
        return signedParams.stream().map(Map.Entry::getKey).collect(Collectors.joining(", "));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
