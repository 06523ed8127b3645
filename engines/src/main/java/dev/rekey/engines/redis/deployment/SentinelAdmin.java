package dev.rekey.engines.redis.deployment;

import dev.rekey.core.EngineException;
import dev.rekey.core.Secret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Protocol;

/**
 * The admin commands Rekey sends to a Sentinel, whose own ACL grants the admin user exactly {@code PING},
 * {@code SENTINEL SET}, {@code SENTINEL MASTER} and {@code SENTINEL REPLICAS}. SENTINEL SET saves sentinel.conf by
 * itself and drops the Sentinel's links to the monitored nodes, so they log in again with what was just set.
 */
final class SentinelAdmin extends AdminConnection {

    private final SentinelEndpoint sentinel;

    SentinelAdmin(SentinelEndpoint sentinel, AdminLogin login) {
        super(sentinel.endpoint(), login, "Sentinel at");
        this.sentinel = sentinel;
    }

    SentinelEndpoint sentinel() {
        return sentinel;
    }

    /** auth-pass, and auth-user when the account is not {@code default} (a Sentinel naming no user logs in as it). */
    void setAuth(Secret password) throws EngineException {
        List<String> args = new ArrayList<>(List.of("SET", sentinel.masterName(), "auth-pass", password.reveal()));
        if (!login().accountIsDefault()) args.addAll(List.of("auth-user", login().account()));
        call("set auth-pass of " + sentinel.masterName(),
                jedis -> jedis.sendCommand(Protocol.Command.SENTINEL, args.toArray(String[]::new)));
    }

    Map<String, String> master() throws EngineException {
        Object reply = call("read SENTINEL MASTER " + sentinel.masterName(),
                jedis -> jedis.sendCommand(Protocol.Command.SENTINEL, "MASTER", sentinel.masterName()));
        return fields(reply);
    }

    List<Map<String, String>> replicas() throws EngineException {
        Object reply = call("read SENTINEL REPLICAS " + sentinel.masterName(),
                jedis -> jedis.sendCommand(Protocol.Command.SENTINEL, "REPLICAS", sentinel.masterName()));
        List<Map<String, String>> replicas = new ArrayList<>();
        if (reply instanceof List<?> items) {
            for (Object item : items) replicas.add(fields(item));
        }
        return replicas;
    }

    void ping() throws EngineException {
        call("ping", jedis -> jedis.ping());
    }

    /** A flat name/value array as RESP2 gives it. */
    static Map<String, String> fields(Object reply) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (!(reply instanceof List<?> items)) return fields;
        for (int i = 0; i + 1 < items.size(); i += 2) fields.put(text(items.get(i)), text(items.get(i + 1)));
        return fields;
    }

    static String text(Object item) {
        if (item instanceof byte[] bytes) return new String(bytes, StandardCharsets.UTF_8);
        return String.valueOf(item);
    }
}
