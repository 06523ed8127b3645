package dev.rekey.it.huawei;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rekey.api.huawei.HuaweiSigner;
import dev.rekey.core.Secret;
import dev.rekey.server.TestRekey;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Raw signed requests, for the v1.0 password API (no SDK model exists) and for headers the SDK never varies. Signed
 * with {@link HuaweiSigner} as the Java SDK signs; java.net.http sends {@code Host: 127.0.0.1:port}, which is signed.
 */
final class RawDcs {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    record Answer(int status, String requestId, JsonNode body) {
    }

    private RawDcs() {
    }

    static Answer v1Change(TestRekey rekey, String instanceId, String old, String next) throws IOException, InterruptedException {
        var body = JSON.createObjectNode().put("old_password", old).put("new_password", next);
        return send(rekey, "PUT", "/v1.0/" + Dcs.PROJECT + "/instances/" + instanceId + "/password",
                JSON.writeValueAsString(body), Map.of("X-Project-Id", Dcs.PROJECT));
    }

    static Answer send(TestRekey rekey, String method, String pathAndQuery, String body, Map<String, String> extraHeaders)
            throws IOException, InterruptedException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        var headers = new LinkedHashMap<String, String>();
        headers.put("Host", rekey.endpoint());
        headers.put("Content-Type", "application/json;charset=UTF-8");
        headers.putAll(extraHeaders);
        var signed = HuaweiSigner.sign(method, pathAndQuery, headers, bytes, Dcs.AK, Secret.of(Dcs.SK), Instant.now());
        var request = HttpRequest.newBuilder(URI.create("http://" + rekey.endpoint() + pathAndQuery))
                .method(method, bytes.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
        headers.forEach((k, v) -> {
            if (!k.equals("Host")) request.header(k, v);
        });
        signed.forEach(request::header);
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("X-Request-Id").orElse(null),
                JSON.readTree(response.body()));
    }
}
