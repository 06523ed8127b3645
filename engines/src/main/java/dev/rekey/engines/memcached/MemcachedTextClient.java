package dev.rekey.engines.memcached;

import dev.rekey.core.Secret;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A minimal client for memcached's ASCII protocol over one plain socket: the {@code -Y} login (a {@code set} whose
 * data is {@code "user password"}), {@code set}, {@code get} and {@code version}. Every connect and every read gives up
 * after two seconds, so a dead server becomes an {@link IOException}, not a hang. Exception messages carry
 * memcached's reply lines, never what was sent.
 */
public final class MemcachedTextClient implements AutoCloseable {
    public static final String STORED = "STORED";
    public static final String AUTHENTICATION_FAILURE = "CLIENT_ERROR authentication failure";
    /** How long one connect or reply may take unless the configuration says otherwise ({@code engines: { timeout }}). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    private static final int MAX_LINE_BYTES = 1_024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private MemcachedTextClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    public static MemcachedTextClient connect(String host, int port) throws IOException {
        return connect(host, port, DEFAULT_TIMEOUT);
    }

    public static MemcachedTextClient connect(String host, int port, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            socket.setTcpNoDelay(true);
            return new MemcachedTextClient(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Logs this connection in; returns memcached's reply: {@link #STORED} or {@link #AUTHENTICATION_FAILURE}. */
    public String authenticate(String user, Secret password) throws IOException {
        // memcached ignores the key and flags of the login set and stores nothing
        return store("auth", (user + " " + password.reveal()).getBytes(StandardCharsets.UTF_8));
    }

    /** Stores {@code value} under {@code key} with no expiry; returns memcached's reply line. */
    public String set(String key, String value) throws IOException {
        checkKey(key);
        return store(key, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The value under {@code key}, or empty if there is none; any other reply is an {@link IOException}. */
    public Optional<String> get(String key) throws IOException {
        checkKey(key);
        send(("get " + key + "\r\n").getBytes(StandardCharsets.US_ASCII));
        String line = readLine();
        if (line.equals("END")) return Optional.empty();
        String[] header = line.split(" ");
        if (header.length < 4 || !header[0].equals("VALUE")) throw new IOException("memcached answered get with: " + line);
        byte[] data = in.readNBytes(Integer.parseInt(header[3]) + 2);
        String end = readLine();
        if (!end.equals("END")) throw new IOException("memcached ended a get with: " + end);
        return Optional.of(new String(data, 0, data.length - 2, StandardCharsets.UTF_8));
    }

    /** memcached's reply to {@code version}: {@code VERSION x.y.z}, or {@code CLIENT_ERROR unauthenticated}. */
    public String version() throws IOException {
        send("version\r\n".getBytes(StandardCharsets.US_ASCII));
        return readLine();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private String store(String key, byte[] data) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("set " + key + " 0 0 " + data.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(data);
        request.writeBytes(new byte[] {'\r', '\n'});
        send(request.toByteArray());
        return readLine();
    }

    private void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) throw new EOFException("memcached closed the connection");
            if (previous == '\r' && b == '\n') break;
            if (previous >= 0) line.write(previous);
            if (line.size() > MAX_LINE_BYTES) throw new IOException("memcached sent a reply line longer than "
                    + MAX_LINE_BYTES + " bytes");
            previous = b;
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private static void checkKey(String key) {
        boolean valid = !key.isEmpty() && key.length() <= 250 && key.chars().allMatch(c -> c > ' ' && c < 127);
        if (!valid) throw new IllegalArgumentException("a memcached key is 1 to 250 printable ASCII characters");
    }
}
