package dev.rekey.api.huawei;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rekey.api.RawRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A golden capture from {@code captures/huawei/}: the raw HTTP request file (request line, headers, blank line,
 * de-chunked body) and its manifest entry (keys, X-Sdk-Date, canonical request, expected signature).
 */
record HuaweiCapture(String file, String sdk, String accessKey, String secretKey, String projectId, String sdkDate,
                     String canonicalRequest, String expectedSignature) {
    private static final String FOLDER = "/captures/huawei/";

    static List<HuaweiCapture> all() {
        var captures = new ArrayList<HuaweiCapture>();
        for (JsonNode e : readManifest()) {
            captures.add(new HuaweiCapture(e.get("file").asText(), e.get("sdk").asText(),
                    e.get("access_key").asText(), e.get("secret_key").asText(), e.get("project_id").asText(),
                    e.get("x_sdk_date").asText(), e.get("canonical_request").asText(),
                    e.get("expected_signature").asText()));
        }
        return captures;
    }

    static HuaweiCapture named(String file) {
        return all().stream().filter(c -> c.file().equals(file)).findFirst().orElseThrow();
    }

    /** A clock standing still at the capture's X-Sdk-Date, so the 15-minute window holds for the replay. */
    Clock clockAtSigning() {
        return Clock.fixed(SdkDate.parse(sdkDate).orElseThrow(), ZoneOffset.UTC);
    }

    RawRequest request() {
        return parse(resource(file));
    }

    @Override
    public String toString() {
        return file;
    }

    static RawRequest parse(byte[] raw) {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (end < 0) throw new IllegalArgumentException("no blank line after the headers");
        String[] lines = new String(raw, 0, end, StandardCharsets.UTF_8).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        String target = requestLine[1];
        int q = target.indexOf('?');
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line : Arrays.asList(lines).subList(1, lines.length)) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
        return new RawRequest(requestLine[0], q < 0 ? target : target.substring(0, q),
                q < 0 ? null : target.substring(q + 1), headers, Arrays.copyOfRange(raw, end + 4, raw.length));
    }

    private static JsonNode readManifest() {
        try {
            return new ObjectMapper().readTree(resource("manifest.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = HuaweiCapture.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) throw new IllegalArgumentException("no capture " + FOLDER + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
