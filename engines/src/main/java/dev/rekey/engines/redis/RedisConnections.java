package dev.rekey.engines.redis;

import dev.rekey.core.EngineException;

import java.time.Duration;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/** Connection settings shared by admin and login connections, and the wording of their failures. */
public final class RedisConnections {

    /** How long one connect or reply may take unless the configuration says otherwise ({@code engines: { timeout }}). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    /** The default timeout in milliseconds, for messages that name it. */
    public static final int TIMEOUT_MILLIS = (int) DEFAULT_TIMEOUT.toMillis();

    private RedisConnections() {
    }

    public static DefaultJedisClientConfig.Builder connectionConfig() {
        return connectionConfig(DEFAULT_TIMEOUT);
    }

    public static DefaultJedisClientConfig.Builder connectionConfig(Duration timeout) {
        // no CLIENT SETINFO: the admin user is not granted it, and login probes should stay minimal;
        // RESP2 as the server speaks by default, with no HELLO negotiation (and no warning on every connection)
        return DefaultJedisClientConfig.builder()
                .serverDefaultProtocol()
                .connectionTimeoutMillis((int) timeout.toMillis())
                .socketTimeoutMillis((int) timeout.toMillis())
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED);
    }

    public static EngineException unreachable(HostAndPort address, String what, JedisException e) {
        return unreachable(address, DEFAULT_TIMEOUT, what, e);
    }

    public static EngineException unreachable(HostAndPort address, Duration timeout, String what, JedisException e) {
        String reason = e instanceof JedisConnectionException
                ? "unreachable or did not answer within " + timeout.toMillis() + " ms" : "failed";
        return new EngineException("Redis at " + address + " " + reason + " (" + what + "): "
                + scrub(rootMessage(e)), e);
    }

    /** Server messages can echo a rule such as {@code #<hash>}; a password hash is not for error messages. */
    public static String scrub(String message) {
        return message == null ? "" : message.replaceAll("[0-9a-fA-F]{64}", "<sha256>");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
    }
}
