package dev.rekey.server;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * A TC3-HMAC-SHA256 POST signed by hand, for what the SDK cannot send (an old timestamp), and for modules that cannot
 * hold the Tencent SDK beside their own cloud's (the okhttp conflict).
 */
public final class RawTc3Request {
    private RawTc3Request() {
    }

    public static String post(int port, String secretId, String secretKey, String action, String json, Instant at) throws Exception {
        String host = "127.0.0.1:" + port;
        String contentType = "application/json; charset=utf-8";
        long ts = at.getEpochSecond();
        String date = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC).format(at);
        String canonical = "POST\n/\n\ncontent-type:" + contentType + "\nhost:" + host + "\n\ncontent-type;host\n" + sha256(json);
        String scope = date + "/127/tc3_request";
        String toSign = "TC3-HMAC-SHA256\n" + ts + "\n" + scope + "\n" + sha256(canonical);
        byte[] k = hmac(("TC3" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        k = hmac(k, "127");
        k = hmac(k, "tc3_request");
        String signature = HexFormat.of().formatHex(hmac(k, toSign));
        var request = HttpRequest.newBuilder(URI.create("http://" + host + "/"))
                .header("Content-Type", contentType)
                .header("X-TC-Action", action).header("X-TC-Version", "2018-04-12").header("X-TC-Region", "ap-guangzhou")
                .header("X-TC-Timestamp", Long.toString(ts))
                .header("Authorization", "TC3-HMAC-SHA256 Credential=" + secretId + "/" + scope + ", SignedHeaders=content-type;host, Signature=" + signature)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] hmac(byte[] key, String msg) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(msg.getBytes(StandardCharsets.UTF_8));
    }
}
