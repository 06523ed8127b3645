package dev.rekey.engines.redis.deployment;

import static dev.rekey.engines.redis.RedisConnections.scrub;
import static dev.rekey.engines.redis.RedisConnections.unreachable;

import dev.rekey.core.EngineException;
import dev.rekey.engines.redis.RedisConnections;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * One admin connection to a node or Sentinel, kept for the length of one change. A connection that broke is
 * replaced, so a change and its rollback still reach a node that dropped it. Failures name the node.
 */
class AdminConnection implements AutoCloseable {

    @FunctionalInterface
    interface Call<T> {
        T run(Jedis jedis);
    }

    private final Endpoint endpoint;
    private final AdminLogin login;
    private final String what;
    private Jedis jedis;

    AdminConnection(Endpoint endpoint, AdminLogin login, String what) {
        this.endpoint = endpoint;
        this.login = login;
        this.what = what;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    AdminLogin login() {
        return login;
    }

    /**
     * Runs {@code call}, once more on a fresh connection if the kept one turns out dropped: a Sentinel that
     * reconfigures a node kills its clients, Rekey's included. Every command Rekey sends is idempotent (SETUSER
     * with the same rules, CONFIG SET, SAVE, reads), so one that did land before its reply was lost can run twice.
     */
    <T> T call(String action, Call<T> call) throws EngineException {
        boolean kept = jedis != null;
        try {
            return attempt(action, call);
        } catch (EngineException e) {
            if (!kept || jedis != null) throw e;
            return attempt(action, call);
        }
    }

    private <T> T attempt(String action, Call<T> call) throws EngineException {
        try {
            if (jedis == null) {
                jedis = new Jedis(endpoint.hostAndPort(), RedisConnections.connectionConfig()
                        .user(login.user()).password(login.password().reveal()).build());
            }
            return call.run(jedis);
        } catch (JedisAccessControlException e) {
            throw new EngineException(what + " " + endpoint + " refused admin user '" + login.user() + "' to "
                    + action + ": " + scrub(e.getMessage()));
        } catch (JedisDataException e) {
            throw new EngineException(what + " " + endpoint + " could not " + action + ": " + scrub(e.getMessage()));
        } catch (JedisException e) {
            close();
            throw unreachable(endpoint.hostAndPort(), what.toLowerCase() + " admin call to " + action, e);
        }
    }

    @Override
    public void close() {
        if (jedis == null) return;
        try {
            jedis.close();
        } catch (JedisException ignored) {
            // a connection that is already broken has nothing left to close
        }
        jedis = null;
    }
}
