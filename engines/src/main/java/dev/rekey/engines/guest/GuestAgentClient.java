package dev.rekey.engines.guest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rekey.core.EngineException;
import dev.rekey.engines.guest.AgentMessages.Reply;
import dev.rekey.engines.guest.AgentMessages.Request;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * One connection to a QEMU guest agent over a unix socket: newline-terminated JSON, one reply line per request.
 * Every call answers or fails within the timeout (default 10 s). After a timeout the connection is closed, because
 * the late reply would otherwise be read as the answer to the next request. Not for concurrent use by design (the
 * agent serves one client at a time); methods are synchronized only to keep a misuse from interleaving lines.
 */
public final class GuestAgentClient implements AutoCloseable {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** The agent itself only forbids ':' and newlines; control characters and blanks are refused here as well. */
    private static final Pattern USER_NAME = Pattern.compile("[^:\\s\\p{Cntrl}]{1,256}");

    private final Path socket;
    private final Duration timeout;
    private final LineChannel channel;
    private boolean closed;

    /** Package-private for tests that queue stale replies on a channel before the handshake. */
    GuestAgentClient(Path socket, Duration timeout, LineChannel channel) {
        this.socket = socket;
        this.timeout = timeout;
        this.channel = channel;
    }

    public static GuestAgentClient connect(Path socket) throws EngineException {
        return connect(socket, DEFAULT_TIMEOUT);
    }

    /** Connects and performs the guest-sync handshake; each later call again gets the whole {@code timeout}. */
    public static GuestAgentClient connect(Path socket, Duration timeout) throws EngineException {
        LineChannel channel;
        try {
            channel = LineChannel.open(socket, deadline(timeout));
        } catch (TimeoutException e) {
            throw new EngineException("the guest agent did not accept a connection within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw new EngineException("cannot connect to the guest agent (" + GuestFailures.reason(e) + ")", e);
        }
        GuestAgentClient client = new GuestAgentClient(socket, timeout, channel);
        try {
            client.sync();
            return client;
        } catch (EngineException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /**
     * guest-sync with a fresh random id, discarding every line until the reply carrying that id: replies to an earlier
     * client's requests may still be queued in a real virtio channel.
     */
    public synchronized void sync() throws EngineException {
        long id = ThreadLocalRandom.current().nextLong(1, 1L << 53);
        long deadline = deadline(timeout);
        send(new Request("guest-sync", new AgentMessages.SyncArguments(id)), deadline);
        while (true) {
            if (isReturnOf(receive("guest-sync", deadline), id)) return;
        }
    }

    public synchronized void ping() throws EngineException {
        call(Request.of("guest-ping"));
    }

    public synchronized AgentInfo info() throws EngineException {
        AgentMessages.Info info = AgentMessages.readInfo(call(Request.of("guest-info")))
                .orElseThrow(() -> unexpected("guest-info"));
        Set<String> enabled = new HashSet<>();
        Set<String> disabled = new HashSet<>();
        for (AgentMessages.Command command : info.supportedCommands()) {
            if (command == null || command.name() == null) continue;
            (Boolean.TRUE.equals(command.enabled()) ? enabled : disabled).add(command.name());
        }
        return new AgentInfo(String.valueOf(info.version()), enabled, disabled);
    }

    /**
     * Sets {@code user}'s password to a crypt(3) hash with {@code crypted: true}: the agent runs {@code chpasswd -e},
     * so no plain password reaches the guest. A missing user fails as GenericError "child process has failed to set
     * user password" (chpasswd's exit status; the agent cannot tell the causes apart).
     */
    public synchronized void setUserPassword(String user, String cryptHash) throws EngineException {
        if (user == null || !USER_NAME.matcher(user).matches()) {
            throw new IllegalArgumentException("user name must be 1-256 characters without ':', blanks or controls");
        }
        if (!ShaCrypt.isCryptHash(cryptHash)) {
            throw new IllegalArgumentException("cryptHash must be a crypt(3) hash ($id$salt$hash), never plain text");
        }
        String password = Base64.getEncoder().encodeToString(cryptHash.getBytes(StandardCharsets.US_ASCII));
        call(new Request("guest-set-user-password", new AgentMessages.SetUserPasswordArguments(user, password, true)));
    }

    /** Test-only: any command without arguments, returning the agent's raw reply line (errors are not thrown). */
    synchronized String execute(String command) throws EngineException {
        long deadline = deadline(timeout);
        send(Request.of(command), deadline);
        return receive(command, deadline);
    }

    public Path socket() {
        return socket;
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing to do: the connection is gone either way
        }
    }

    /** Sends a request and returns the "return" value of its reply; an "error" reply becomes a GuestAgentException. */
    private JsonNode call(Request request) throws EngineException {
        String command = request.execute();
        long deadline = deadline(timeout);
        send(request, deadline);
        Reply reply = AgentMessages.readReply(receive(command, deadline)).orElseThrow(() -> unexpected(command));
        if (reply.error() != null) {
            throw new GuestAgentException(command, String.valueOf(reply.error().errorClass()),
                    String.valueOf(reply.error().desc()));
        }
        if (reply.value() == null) throw unexpected(command);
        return reply.value();
    }

    private void send(Request request, long deadline) throws EngineException {
        String command = request.execute();
        if (closed) throw new EngineException("the connection to the guest agent is closed");
        try {
            channel.writeLine(AgentMessages.write(request), deadline);
        } catch (TimeoutException e) {
            throw timedOut(command);
        } catch (IOException e) {
            throw failed(command, e);
        }
    }

    private String receive(String command, long deadline) throws EngineException {
        try {
            return channel.readLine(deadline);
        } catch (TimeoutException e) {
            throw timedOut(command);
        } catch (IOException e) {
            throw failed(command, e);
        }
    }

    /** Garbage left in the channel by someone else is skipped like any stale reply. */
    private static boolean isReturnOf(String line, long id) {
        return AgentMessages.readReply(line)
                .map(Reply::value)
                .filter(JsonNode::isNumber)
                .filter(value -> value.decimalValue().compareTo(BigDecimal.valueOf(id)) == 0)
                .isPresent();
    }

    private EngineException timedOut(String command) {
        close();
        return new EngineException("the guest agent did not answer " + command + " within " + timeout.toSeconds() + " s");
    }

    private EngineException failed(String command, IOException e) {
        close();
        return new EngineException("the connection to the guest agent failed during " + command + " (" + GuestFailures.reason(e) + ")", e);
    }

    private EngineException unexpected(String command) {
        return new EngineException("the guest agent sent an unexpected reply to " + command);
    }

    private static long deadline(Duration timeout) {
        return System.nanoTime() + timeout.toNanos();
    }
}
