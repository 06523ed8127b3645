package dev.rekey.api.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rekey.api.RawRequest;
import dev.rekey.core.Cloud;
import dev.rekey.core.Credential;
import dev.rekey.core.KeyRing;
import dev.rekey.core.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One entry of captures/tencent/manifest.json: an official SDK's request and what it was signed with. */
record GoldenCapture(String file, String signatureMethod, String httpMethod, String action, String version,
                     long timestamp, String secretId, String secretKey, String expectedSignature) {

    static List<GoldenCapture> all() {
        try (InputStream in = GoldenCapture.class.getResourceAsStream("/captures/tencent/manifest.json")) {
            var captures = new ArrayList<GoldenCapture>();
            for (JsonNode e : new ObjectMapper().readTree(in)) {
                captures.add(new GoldenCapture(e.get("file").asText(), e.get("signature_method").asText(),
                        e.get("http_method").asText(), e.get("action").asText(), e.get("version").asText(),
                        e.get("timestamp").asLong(), e.get("secret_id").asText(), e.get("secret_key").asText(),
                        e.get("expected_signature").asText()));
            }
            return captures;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static GoldenCapture named(String file) {
        return all().stream().filter(c -> c.file().equals(file)).findFirst().orElseThrow();
    }

    RawRequest request() {
        return CapturedRequest.read(file);
    }

    /** A clock standing at the capture's timestamp plus {@code seconds}. */
    Clock clockAfter(long seconds) {
        return Clock.fixed(Instant.ofEpochSecond(timestamp + seconds), ZoneOffset.UTC);
    }

    KeyRing keys() {
        return keyRing(secretId, secretKey);
    }

    static KeyRing keyRing(String secretId, String secretKey) {
        var credential = new Credential(Cloud.TENCENT, "tenant-a", secretId, Secret.of(secretKey), null);
        return (cloud, keyId) -> cloud == Cloud.TENCENT && keyId.equals(secretId)
                ? Optional.of(credential) : Optional.empty();
    }

    @Override
    public String toString() {
        return file; // names the parameterized test case, and keeps the key out of reports
    }
}
