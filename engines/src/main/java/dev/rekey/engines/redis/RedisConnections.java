package dev.rekey.engines.redis;

import dev.rekey.core.EngineException;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/** Connection settings shared by admin and login connections, and the wording of their failures. */
public final class RedisConnections {

    public static final int TIMEOUT_MILLIS = 2000;

    private RedisConnections() {
    }

    public static DefaultJedisClientConfig.Builder connectionConfig() {
        // no CLIENT SETINFO: the admin user is not granted it, and login probes should stay minimal;
        // RESP2 as the server speaks by default, with no HELLO negotiation (and no warning on every connection)
        return DefaultJedisClientConfig.builder()
                .serverDefaultProtocol()
                .connectionTimeoutMillis(TIMEOUT_MILLIS)
                .socketTimeoutMillis(TIMEOUT_MILLIS)
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED);
    }

    public static EngineException unreachable(HostAndPort address, String what, JedisException e) {
        String reason = e instanceof JedisConnectionException
                ? "unreachable or did not answer within " + TIMEOUT_MILLIS + " ms" : "failed";
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
