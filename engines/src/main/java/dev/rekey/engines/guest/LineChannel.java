package dev.rekey.engines.guest;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A unix socket carrying newline-terminated text, where every operation ends by a deadline (System.nanoTime based).
 * Non-blocking with a selector rather than blocking reads, because a blocking read on a SocketChannel has no
 * timeout and an agent that is stopped, or busy with another client, would hang the caller forever.
 */
final class LineChannel implements AutoCloseable {
    /** Agent replies are a few KB (guest-info is the largest); more than this is not an agent. */
    private static final int MAX_LINE_BYTES = 1 << 20;

    private final SocketChannel channel;
    private final Selector selector;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(8192);

    private LineChannel(SocketChannel channel, Selector selector) {
        this.channel = channel;
        this.selector = selector;
    }

    static LineChannel open(Path socket, long deadline) throws IOException, TimeoutException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        Selector selector = null;
        try {
            channel.configureBlocking(false);
            selector = Selector.open();
            LineChannel line = new LineChannel(channel, selector);
            if (!channel.connect(UnixDomainSocketAddress.of(socket))) {
                line.await(SelectionKey.OP_CONNECT, deadline);
                channel.finishConnect();
            }
            return line;
        } catch (IOException | TimeoutException | RuntimeException e) {
            channel.close();
            if (selector != null) selector.close();
            throw e;
        }
    }

    void writeLine(String line, long deadline) throws IOException, TimeoutException {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            if (channel.write(bytes) == 0) await(SelectionKey.OP_WRITE, deadline);
        }
    }

    /** The next line without its newline; a leading 0xFF delimiter (guest-sync-delimited) is dropped. */
    String readLine(long deadline) throws IOException, TimeoutException {
        while (true) {
            String line = takeLine();
            if (line != null) return line;
            readBuffer.clear();
            int n = channel.read(readBuffer);
            if (n < 0) throw new EOFException("the agent closed the connection");
            if (n == 0) {
                await(SelectionKey.OP_READ, deadline);
                continue;
            }
            pending.write(readBuffer.array(), 0, n);
            if (pending.size() > MAX_LINE_BYTES) throw new IOException("reply line longer than " + MAX_LINE_BYTES);
        }
    }

    private String takeLine() {
        byte[] bytes = pending.toByteArray();
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\n') continue;
            int start = 0;
            while (start < i && bytes[start] == (byte) 0xFF) start++;
            String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
            pending.reset();
            pending.write(bytes, i + 1, bytes.length - i - 1);
            return line;
        }
        return null;
    }

    private void await(int operation, long deadline) throws IOException, TimeoutException {
        SelectionKey key = channel.register(selector, operation);
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) throw new TimeoutException();
                selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                if (!selector.selectedKeys().isEmpty()) {
                    selector.selectedKeys().clear();
                    return;
                }
            }
        } finally {
            key.interestOps(0);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }
}
