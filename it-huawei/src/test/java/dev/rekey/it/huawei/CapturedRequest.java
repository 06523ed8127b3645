package dev.rekey.it.huawei;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A golden capture (raw HTTP exactly as an official SDK sent it) replayed byte for byte to a port: the signed Host
 * header stays the recorded one, a body recorded de-chunked is chunked again, and only the unsigned Connection
 * header becomes "close" so that the answer ends with the connection.
 */
record CapturedRequest(String head, byte[] body, boolean chunked) {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Answer(int status, String requestId, JsonNode body) {
    }

    static CapturedRequest load(String name) throws IOException {
        try (InputStream in = CapturedRequest.class.getResourceAsStream("/captures/huawei/" + name)) {
            if (in == null) throw new IOException("no capture " + name);
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int split = text.indexOf("\r\n\r\n");
            String head = text.substring(0, split);
            byte[] body = text.substring(split + 4).getBytes(StandardCharsets.ISO_8859_1);
            boolean chunked = head.toLowerCase(Locale.ROOT).contains("\r\ntransfer-encoding: chunked");
            return new CapturedRequest(head, body, chunked);
        }
    }

    /** The same request with one body byte changed: the signature no longer matches it. */
    CapturedRequest tampered() {
        byte[] changed = body.clone();
        changed[changed.length - 3] ^= 1;
        return new CapturedRequest(head, changed, chunked);
    }

    Answer sendTo(int port) throws IOException {
        var out = new ByteArrayOutputStream();
        out.writeBytes(head.replaceAll("(?im)^connection: .*$", "Connection: close").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes("\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (chunked) {
            out.writeBytes((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(body);
            out.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        } else {
            out.writeBytes(body);
        }
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(out.toByteArray());
            return parse(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static Answer parse(String response) throws IOException {
        int split = response.indexOf("\r\n\r\n");
        String head = response.substring(0, split);
        String body = response.substring(split + 4);
        int status = Integer.parseInt(head.substring(9, 12));
        String requestId = null;
        boolean chunked = false;
        for (String line : head.split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-request-id:")) requestId = line.substring(13).strip();
            if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) chunked = true;
        }
        return new Answer(status, requestId, JSON.readTree(chunked ? dechunk(body) : body));
    }

    private static String dechunk(String body) {
        var out = new StringBuilder();
        int at = 0;
        while (true) {
            int eol = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, eol).strip(), 16);
            if (size == 0) return out.toString();
            out.append(body, eol + 2, eol + 2 + size);
            at = eol + 2 + size + 2;
        }
    }
}
