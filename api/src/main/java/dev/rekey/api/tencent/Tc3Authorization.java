package dev.rekey.api.tencent;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The parts of a header {@code TC3-HMAC-SHA256 Credential=<SecretId>/<date>/<service>/tc3_request,
 * SignedHeaders=<h1;h2>, Signature=<hex>}. The scope and the signed-headers list are kept exactly as sent: both are
 * inputs of the signature, and the service is "127" when an SDK points at 127.0.0.1.
 */
record Tc3Authorization(String secretId, LocalDate date, String service, String signedHeaders, String signature) {
    static final String ALGORITHM = "TC3-HMAC-SHA256";

    private static final String EXPECTED = "expected '" + ALGORITHM
            + " Credential=<SecretId>/<yyyy-MM-dd>/<service>/tc3_request, SignedHeaders=content-type;host,"
            + " Signature=<64 hex digits>'";
    private static final Pattern HEX_64 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    static boolean isTc3(String authorization) {
        return authorization != null
                && (authorization.equals(ALGORITHM) || authorization.startsWith(ALGORITHM + " "));
    }

    /** The caller has checked {@link #isTc3}. */
    static Tc3Authorization parse(String authorization) {
        Map<String, String> fields = fields(authorization.substring(ALGORITHM.length()));
        String[] credential = required(fields, "Credential").split("/", -1);
        if (credential.length != 4 || !"tc3_request".equals(credential[3])
                || Arrays.stream(credential).anyMatch(String::isEmpty)) {
            throw malformed("Credential must have four parts <SecretId>/<yyyy-MM-dd>/<service>/tc3_request");
        }
        String signedHeaders = required(fields, "SignedHeaders");
        for (String name : signedHeaders.split(";", -1)) {
            if (!HEADER_NAME.matcher(name).matches()) {
                throw malformed("SignedHeaders must be header names separated by ';', such as content-type;host");
            }
        }
        String signature = required(fields, "Signature");
        if (!HEX_64.matcher(signature).matches()) throw malformed("Signature must be 64 hexadecimal digits");
        return new Tc3Authorization(credential[0], date(credential[1]), credential[2], signedHeaders, signature);
    }

    /** {@code <date>/<service>/tc3_request}, the CredentialScope line of the string to sign. */
    String scope() {
        return date + "/" + service + "/tc3_request";
    }

    /** Lower-case header names, in the order they were signed. */
    List<String> signedHeaderNames() {
        return Arrays.stream(signedHeaders.split(";")).map(n -> n.toLowerCase(Locale.ROOT)).toList();
    }

    private static Map<String, String> fields(String text) {
        var fields = new HashMap<String, String>();
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) throw malformed("each part after the algorithm must be Name=value");
            fields.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        return fields;
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isEmpty()) throw malformed(name + " is missing");
        return value;
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text); // ISO yyyy-MM-dd, what both SDKs write
        } catch (DateTimeParseException e) {
            throw malformed("the Credential date must be yyyy-MM-dd");
        }
    }

    private static dev.rekey.api.Refusal malformed(String reason) {
        return TencentRefusals.invalidAuthorization("The Authorization header is malformed: " + reason + "; " + EXPECTED + ".");
    }
}
