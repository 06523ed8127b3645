package dev.rekey.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP relay in front of a local server that keeps every byte the clients send through it, so that a test learns
 * what an official SDK really put on the wire (its signatures, its bodies) with no hook in the SDK or the server.
 * Point the client at {@link #endpoint()}: the Host header it signs is the one the server receives.
 */
public final class WireRecorder implements AutoCloseable {
    private static final Pattern SIGNATURE = Pattern.compile("Signature=([^,&\\s\"]+)");
    private final ServerSocket listener;
    private final int targetPort;
    private final List<ByteArrayOutputStream> connections = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();

    /** One HTTP request as sent: its request line and headers, and its body (chunks joined). */
    public record Request(String head, byte[] body) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private WireRecorder(ServerSocket listener, int targetPort) {
        this.listener = listener;
        this.targetPort = targetPort;
    }

    public static WireRecorder start(int targetPort) throws IOException {
        var recorder = new WireRecorder(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), targetPort);
        Thread.ofVirtual().name("wire-recorder").start(recorder::accept);
        return recorder;
    }

    public int port() {
        return listener.getLocalPort();
    }

    public String endpoint() {
        return "127.0.0.1:" + port();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                var sent = new ByteArrayOutputStream();
                synchronized (this) {
                    sockets.add(client);
                    sockets.add(server);
                    connections.add(sent);
                }
                Thread.ofVirtual().start(() -> pump(client, server, sent));
                Thread.ofVirtual().start(() -> pump(server, client, null));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Copies one direction until it ends; what a client sends is recorded before the server can see it. */
    private static void pump(Socket from, Socket to, ByteArrayOutputStream record) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (record != null) record.write(buffer, 0, n);
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // one side closed: the other pump ends too
        }
    }

    /** Every request sent so far, connection by connection. */
    public synchronized List<Request> requests() {
        var out = new ArrayList<Request>();
        for (ByteArrayOutputStream connection : connections) out.addAll(parse(connection.toByteArray()));
        return out;
    }

    /**
     * Every signature the clients sent (the {@code Signature=} of an Authorization header, a query or a form body),
     * as sent and percent-decoded.
     */
    public Set<String> signatures() {
        var out = new LinkedHashSet<String>();
        for (Request r : requests()) {
            for (String text : List.of(r.head(), r.bodyText())) {
                Matcher m = SIGNATURE.matcher(text);
                while (m.find()) {
                    out.add(m.group(1));
                    out.add(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static List<Request> parse(byte[] bytes) {
        var out = new ArrayList<Request>();
        int at = 0;
        while (at < bytes.length) {
            int end = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), at);
            if (end < 0) break;
            String head = new String(bytes, at, end - at, StandardCharsets.ISO_8859_1);
            at = end + 4;
            var body = new ByteArrayOutputStream();
            String lower = head.toLowerCase(Locale.ROOT);
            if (lower.contains("\r\ntransfer-encoding: chunked")) {
                at = dechunk(bytes, at, body);
            } else {
                int length = contentLength(lower);
                body.write(bytes, at, Math.min(length, bytes.length - at));
                at += length;
            }
            out.add(new Request(head, body.toByteArray()));
        }
        return out;
    }

    private static int contentLength(String lowerHead) {
        Matcher m = Pattern.compile("\r\ncontent-length: *(\\d+)").matcher(lowerHead);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** Joins the chunks starting at {@code at} into {@code body}; returns where the next request starts. */
    private static int dechunk(byte[] bytes, int at, ByteArrayOutputStream body) {
        byte[] crlf = "\r\n".getBytes(StandardCharsets.US_ASCII);
        while (true) {
            int lineEnd = indexOf(bytes, crlf, at);
            if (lineEnd < 0) return bytes.length;
            String sizeLine = new String(bytes, at, lineEnd - at, StandardCharsets.US_ASCII);
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            at = lineEnd + 2;
            if (size == 0) {
                int trailerEnd = indexOf(bytes, crlf, at); // no trailers are sent: the empty line ends the body
                return trailerEnd < 0 ? bytes.length : trailerEnd + 2;
            }
            body.write(bytes, at, Math.min(size, bytes.length - at));
            at += size + 2;
        }
    }

    private static int indexOf(byte[] bytes, byte[] needle, int from) {
        outer:
        for (int i = from; i <= bytes.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) if (bytes[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    @Override
    public synchronized void close() throws IOException {
        listener.close();
        for (Socket s : sockets) s.close();
    }
}
