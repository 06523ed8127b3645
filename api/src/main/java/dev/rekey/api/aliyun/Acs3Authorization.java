package dev.rekey.api.aliyun;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The V3 Authorization header: {@code ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<h1;h2>,Signature=<hex>}.
 * Credential is the bare AccessKeyId (no date or region scope); SignedHeaders is kept in the order received, since the
 * canonical request is rebuilt from exactly that list.
 */
record Acs3Authorization(String accessKeyId, String signedHeaders, List<String> headerNames, String signature) {
    static final String ALGORITHM = "ACS3-HMAC-SHA256";

    static Acs3Authorization parse(String header) {
        int space = header.indexOf(' ');
        String algorithm = space < 0 ? header : header.substring(0, space);
        if (!algorithm.equals(ALGORITHM)) {
            throw AliyunRefusals.incomplete("Authorization algorithm '" + AliyunRefusals.shown(algorithm)
                    + "' is not supported; sign with " + ALGORITHM + ".");
        }
        Map<String, String> fields = fields(header.substring(space + 1));
        String credential = required(fields, "Credential");
        String signedHeaders = required(fields, "SignedHeaders");
        List<String> names = Arrays.asList(signedHeaders.split(";", -1));
        if (names.stream().anyMatch(String::isBlank)) {
            throw AliyunRefusals.incomplete("SignedHeaders '" + AliyunRefusals.shown(signedHeaders)
                    + "' contains an empty header name.");
        }
        return new Acs3Authorization(credential, signedHeaders, List.copyOf(names), required(fields, "Signature"));
    }

    /** Comma-separated {@code Name=value}; the SDKs write no spaces after the commas, but tolerating them is free. */
    private static Map<String, String> fields(String text) {
        var fields = new LinkedHashMap<String, String>();
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) fields.putIfAbsent(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        return fields;
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isEmpty()) {
            throw AliyunRefusals.incomplete("The Authorization header has no " + name + "=.");
        }
        return value;
    }
}
