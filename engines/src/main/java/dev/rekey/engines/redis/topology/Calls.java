package dev.rekey.engines.redis.topology;

import dev.rekey.core.EngineException;
import dev.rekey.core.Secret;
import dev.rekey.engines.redis.RedisConnections;
import dev.rekey.engines.redis.deployment.Endpoint;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/** One command on a fresh connection as a given user, for setting a topology up and watching it settle. */
final class Calls {

    private Calls() {
    }

    static <T> T as(String user, Secret password, Endpoint node, String action, Function<Jedis, T> call)
            throws EngineException {
        try (Jedis jedis = new Jedis(new HostAndPort(node.host(), node.port()), RedisConnections.connectionConfig()
                .user(user).password(password.reveal()).build())) {
            return call.apply(jedis);
        } catch (JedisException e) {
            throw new EngineException("node " + node + " could not " + action + ": "
                    + RedisConnections.scrub(e.getMessage()), e);
        }
    }

    static Map<String, String> infoFields(String info) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : info.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (!line.startsWith("#") && colon > 0) fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
        }
        return fields;
    }

    /** A flat RESP2 name/value array, as SENTINEL MASTER answers. */
    static Map<String, String> pairs(Object reply) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (reply instanceof List<?> items) {
            for (int i = 0; i + 1 < items.size(); i += 2) fields.put(text(items.get(i)), text(items.get(i + 1)));
        }
        return fields;
    }

    private static String text(Object item) {
        return item instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(item);
    }
}
