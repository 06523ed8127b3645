package dev.rekey.api.aliyun;

import dev.rekey.api.Digests;

import dev.rekey.api.FormCodec;
import dev.rekey.core.Secret;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A V1 (HMAC-SHA1, SignatureVersion 1.0) request: every query and form parameter but {@code Signature}, sorted by
 * name, percent-encoded, signed with {@code AccessKeySecret + "&"}.
 */
final class V1Request implements SignedRequest {
    /**
     * Checked in this order, so the message names the first one missing. Action and Version are required here
     * because V1 signs parameters only: an unsigned x-acs-action header must never choose the action.
     */
    private static final List<String> REQUIRED = List.of("AccessKeyId", "Action", "Version", "Signature",
            "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp");

    private final String method;
    private final List<Map.Entry<String, String>> signedPairs;
    private final String signature;

    private V1Request(String method, List<Map.Entry<String, String>> signedPairs, String signature) {
        this.method = method;
        this.signedPairs = signedPairs;
        this.signature = signature;
    }

    /** {@code pairs}: the request's query and form parameters, decoded ({@link AliyunParser#pairs}). */
    static V1Request read(String method, List<Map.Entry<String, String>> pairs) {
        for (String name : REQUIRED) {
            String value = FormCodec.first(pairs, name);
            if (value == null || value.isEmpty()) throw AliyunRefusals.missing(name);
        }
        requireValue(pairs, "SignatureMethod", "HMAC-SHA1");
        requireValue(pairs, "SignatureVersion", "1.0");
        var signed = pairs.stream().filter(p -> !p.getKey().equals("Signature")).toList();
        return new V1Request(method, signed, FormCodec.first(pairs, "Signature"));
    }

    @Override
    public String accessKeyId() {
        return param("AccessKeyId");
    }

    @Override
    public String nonce() {
        return param("SignatureNonce");
    }

    @Override
    public String timestampName() {
        return "Timestamp";
    }

    @Override
    public String timestamp() {
        return param("Timestamp");
    }

    /**
     * The new Java SDK's V1 path leaves empty-valued parameters out of what it signs while still sending them; the
     * old Java SDK and pop-core sign them. So a mismatch is retried once without them.
     */
    @Override
    public Optional<String> mismatch(Secret secret) {
        if (Digests.sameText(sign(secret, stringToSign(true)), signature)) return Optional.empty();
        boolean anyEmpty = signedPairs.stream().anyMatch(p -> p.getValue().isEmpty());
        if (anyEmpty && Digests.sameText(sign(secret, stringToSign(false)), signature)) return Optional.empty();
        return Optional.of("V1 signs METHOD&%2F&percentEncode(sorted, percent-encoded parameters) with HMAC-SHA1"
                + " and the key AccessKeySecret + \"&\"; check the AccessKeySecret.");
    }

    /** {@code METHOD & percentEncode("/") & percentEncode(canonical query)}, as the SDKs build it. */
    String stringToSign(boolean withEmptyValues) {
        String canonical = signedPairs.stream()
                .filter(p -> withEmptyValues || !p.getValue().isEmpty())
                .sorted(Map.Entry.comparingByKey())
                .map(p -> PercentEncoding.encode(p.getKey()) + "=" + PercentEncoding.encode(p.getValue()))
                .collect(Collectors.joining("&"));
        return method + "&" + PercentEncoding.encode("/") + "&" + PercentEncoding.encode(canonical);
    }

    private static String sign(Secret secret, String stringToSign) {
        return Base64.getEncoder().encodeToString(Digests.hmac("HmacSHA1", secret.reveal() + "&", stringToSign));
    }

    private String param(String name) {
        return FormCodec.first(signedPairs, name);
    }

    private static void requireValue(List<Map.Entry<String, String>> pairs, String name, String expected) {
        String value = FormCodec.first(pairs, name);
        if (!expected.equals(value)) {
            throw AliyunRefusals.incomplete(name + " is '" + AliyunRefusals.shown(value) + "' but must be " + expected + ".");
        }
    }
}
