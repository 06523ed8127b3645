package dev.rekey.api.tencent;

import dev.rekey.api.RawRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

/** Reads a raw HTTP capture (request line, headers, blank line, body bytes) into a {@link RawRequest}. */
final class CapturedRequest {
    private static final byte[] HEAD_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private CapturedRequest() {
    }

    static RawRequest read(String file) {
        try (InputStream in = CapturedRequest.class.getResourceAsStream("/captures/tencent/" + file)) {
            if (in == null) throw new IllegalArgumentException("no capture " + file);
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RawRequest parse(byte[] raw) {
        int headEnd = indexOf(raw, HEAD_END);
        if (headEnd < 0) throw new IllegalArgumentException("no blank line after the headers");
        String[] lines = new String(raw, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        String target = requestLine[1];
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String query = question < 0 ? null : target.substring(question + 1);
        var headers = new LinkedHashMap<String, List<String>>();
        for (String line : Arrays.asList(lines).subList(1, lines.length)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon), List.of(line.substring(colon + 1).trim()));
        }
        byte[] body = Arrays.copyOfRange(raw, headEnd + HEAD_END.length, raw.length);
        return new RawRequest(requestLine[0], path, query, headers, body);
    }

    /** The same request with one header replaced, added (when absent) or removed (value null). */
    static RawRequest withHeader(RawRequest request, String name, String value) {
        var headers = new LinkedHashMap<>(request.headers());
        String key = name.toLowerCase(Locale.ROOT);
        if (value == null) headers.remove(key);
        else headers.put(key, List.of(value));
        return new RawRequest(request.method(), request.path(), request.rawQuery(), headers, request.body());
    }

    static RawRequest withBody(RawRequest request, String body) {
        return new RawRequest(request.method(), request.path(), request.rawQuery(), request.headers(),
                body.getBytes(StandardCharsets.UTF_8));
    }

    static RawRequest withQuery(RawRequest request, String rawQuery) {
        return new RawRequest(request.method(), request.path(), rawQuery, request.headers(), request.body());
    }

    private static int indexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }
}
