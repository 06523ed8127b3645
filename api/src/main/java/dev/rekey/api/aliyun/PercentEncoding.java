package dev.rekey.api.aliyun;

import java.nio.charset.StandardCharsets;

/**
 * Aliyun's "percentEncode" shared by V1 and V3: UTF-8 bytes, {@code A-Z a-z 0-9 - _ . ~} kept, every other byte as
 * upper-case {@code %XX}. Applied to decoded values, because the SDKs disagree on the wire ({@code +} or {@code %20}
 * for a space, raw or encoded {@code * ~ ! ( )}).
 */
final class PercentEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {
    }

    static String encode(String value) {
        var out = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (isUnreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0x0F]);
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }
}
