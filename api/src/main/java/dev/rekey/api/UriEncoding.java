package dev.rekey.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** RFC 3986 percent-encoding as the Huawei signers apply it to path segments and query keys and values. */
public final class UriEncoding {
    private UriEncoding() {
    }

    /** Keeps {@code A-Z a-z 0-9 - _ . ~}; every other UTF-8 byte becomes {@code %XX} with upper-case hex. */
    public static String encode(String text) {
        var out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (isUnreserved(c)) {
                out.append(c);
            } else {
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return out.toString();
    }

    /**
     * Decodes {@code %XX} sequences as UTF-8. A '+' stays a '+' (the SDKs send a literal plus as %2B, so a raw '+'
     * can only mean itself), and a '%' that does not start a valid escape is kept as it is.
     */
    public static String decode(String text) {
        var bytes = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                bytes.write(HexFormat.fromHexDigits(text, i + 1, i + 3));
                i += 3;
            } else {
                int end = i + Character.charCount(text.codePointAt(i));
                bytes.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** A raw query's {@code k=v} pairs, each side decoded; empty parts are skipped, a key without '=' has "". */
    public static List<Map.Entry<String, String>> decodePairs(String rawQuery) {
        var pairs = new ArrayList<Map.Entry<String, String>>();
        if (rawQuery == null || rawQuery.isEmpty()) return List.of();
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) continue;
            int eq = part.indexOf('=');
            pairs.add(Map.entry(decode(eq < 0 ? part : part.substring(0, eq)), eq < 0 ? "" : decode(part.substring(eq + 1))));
        }
        return List.copyOf(pairs);
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
