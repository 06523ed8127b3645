package dev.rekey.engines.redis.deployment;

import dev.rekey.core.Secret;
import dev.rekey.engines.redis.RedisConnections;
import dev.rekey.core.Login;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/** One login as a client would make it, on a fresh connection: AUTH then PING. */
final class FreshLogin {

    private FreshLogin() {
    }

    static Login attempt(Endpoint node, String account, Secret password) {
        if (password == null) return Login.NOT_CHECKED;
        try (Jedis jedis = new Jedis(node.hostAndPort(), RedisConnections.connectionConfig().build())) {
            jedis.auth(account, password.reveal());
            return "PONG".equals(jedis.ping()) ? Login.ACCEPTED : Login.UNREACHABLE;
        } catch (JedisDataException e) {
            return e.getMessage() != null && e.getMessage().startsWith("WRONGPASS") ? Login.REFUSED : Login.UNREACHABLE;
        } catch (JedisException e) {
            return Login.UNREACHABLE;
        }
    }
}
