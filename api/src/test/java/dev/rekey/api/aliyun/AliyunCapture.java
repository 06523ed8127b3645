package dev.rekey.api.aliyun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rekey.api.RawRequest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test support: the Aliyun golden captures (raw HTTP/1.1 bytes) as {@link RawRequest}s, and their manifest. */
final class AliyunCapture {
    private static final String DIR = "/captures/aliyun/";

    /** One manifest entry; {@code canonicalRequest} is null for V1, {@code emptyValuesSigned} null when untested. */
    record Entry(String file, String method, String action, String version, String accessKeyId,
                 String accessKeySecret, String signatureMethod, String timestamp, String expectedSignature,
                 Boolean emptyValuesSigned, String stringToSign, String canonicalRequest) {

        boolean isV3() {
            return signatureMethod.startsWith("ACS3-");
        }

        @Override
        public String toString() {
            return file;
        }
    }

    private AliyunCapture() {
    }

    static List<Entry> manifest() {
        try (InputStream in = resource("manifest.json")) {
            var entries = new ArrayList<Entry>();
            for (JsonNode n : new ObjectMapper().readTree(in)) {
                entries.add(new Entry(n.get("file").asText(), n.get("http_method").asText(), n.get("action").asText(),
                        n.get("version").asText(), n.get("access_key_id").asText(),
                        n.get("access_key_secret").asText(), n.get("signature_method").asText(),
                        n.get("timestamp").asText(), n.get("expected_signature").asText(),
                        n.path("empty_valued_params_signed").isBoolean()
                                ? n.get("empty_valued_params_signed").asBoolean() : null,
                        n.get("string_to_sign").asText(),
                        n.has("canonical_request") ? n.get("canonical_request").asText() : null));
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RawRequest load(String file) {
        try (InputStream in = resource(file)) {
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of {@code r} with one header replaced, added (value non-null) or removed (value null). */
    static RawRequest withHeader(RawRequest r, String name, String value) {
        var headers = new LinkedHashMap<>(r.headers());
        if (value == null) headers.remove(name); else headers.put(name, List.of(value));
        return new RawRequest(r.method(), r.path(), r.rawQuery(), headers, r.body());
    }

    static RawRequest withQuery(RawRequest r, String rawQuery) {
        return new RawRequest(r.method(), r.path(), rawQuery, r.headers(), r.body());
    }

    static RawRequest withBody(RawRequest r, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new RawRequest(r.method(), r.path(), r.rawQuery(), r.headers(), bytes);
    }

    /** Request line, headers to the blank line, then a body framed by chunked encoding, Content-Length or nothing. */
    static RawRequest parse(byte[] raw) {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        String[] lines = new String(raw, 0, end, StandardCharsets.UTF_8).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        String target = requestLine[1];
        int q = target.indexOf('?');
        var headers = new LinkedHashMap<String, List<String>>();
        for (String line : Arrays.copyOfRange(lines, 1, lines.length)) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        var request = new RawRequest(requestLine[0], q < 0 ? target : target.substring(0, q),
                q < 0 ? null : target.substring(q + 1), headers, null);
        byte[] rest = Arrays.copyOfRange(raw, end + 4, raw.length);
        return new RawRequest(request.method(), request.path(), request.rawQuery(), request.headers(),
                body(request, rest));
    }

    private static byte[] body(RawRequest request, byte[] rest) {
        if ("chunked".equalsIgnoreCase(request.header("transfer-encoding"))) return dechunk(rest);
        String length = request.header("content-length");
        return length == null ? new byte[0] : Arrays.copyOf(rest, Integer.parseInt(length));
    }

    private static byte[] dechunk(byte[] data) {
        var out = new ByteArrayOutputStream();
        int pos = 0;
        while (true) {
            int lineEnd = indexOf(data, new byte[] {'\r', '\n'}, pos);
            int size = Integer.parseInt(new String(data, pos, lineEnd - pos, StandardCharsets.US_ASCII).trim(), 16);
            if (size == 0) return out.toByteArray();
            out.write(data, lineEnd + 2, size);
            pos = lineEnd + 2 + size + 2;
        }
    }

    private static int indexOf(byte[] data, byte[] needle, int from) {
        outer:
        for (int i = from; i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        throw new IllegalArgumentException("malformed capture: no " + Arrays.toString(needle) + " after " + from);
    }

    private static InputStream resource(String name) {
        InputStream in = AliyunCapture.class.getResourceAsStream(DIR + name);
        if (in == null) throw new IllegalArgumentException("no capture " + DIR + name + " on the test classpath");
        return in;
    }
}
