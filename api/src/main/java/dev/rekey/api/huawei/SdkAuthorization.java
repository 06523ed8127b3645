package dev.rekey.api.huawei;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The parts of {@code Authorization: SDK-HMAC-SHA256 Access=..., SignedHeaders=..., Signature=...}. */
record SdkAuthorization(String accessKey, List<String> signedHeaders, String signature) {
    // Exactly what the SDKs send; other algorithms (SM3, ECDSA, derived keys) do not match and are refused.
    private static final Pattern FORMAT = Pattern.compile(
            "^SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$");
    /** Without these two, the signature would not bind the request to its target host and its time. */
    private static final List<String> REQUIRED = List.of("host", "x-sdk-date");

    static Optional<SdkAuthorization> parse(String header) {
        var m = FORMAT.matcher(header.strip());
        if (!m.matches()) return Optional.empty();
        List<String> names = List.of(m.group(2).split(";", -1));
        if (names.stream().anyMatch(String::isBlank)) return Optional.empty();
        return Optional.of(new SdkAuthorization(m.group(1), names, m.group(3)));
    }

    /** The first header that must be signed but is not in the SignedHeaders list. */
    Optional<String> missingRequiredHeader() {
        List<String> lower = signedHeaders.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
        return REQUIRED.stream().filter(r -> !lower.contains(r)).findFirst();
    }
}
