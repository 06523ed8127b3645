package dev.rekey.engines.redis;

import static dev.rekey.engines.redis.RedisConnections.scrub;
import static dev.rekey.engines.redis.RedisConnections.unreachable;

import dev.rekey.core.EngineException;
import dev.rekey.core.Secret;
import dev.rekey.core.Login;
import java.time.Duration;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/** Logins as a client would attempt them: each on a fresh connection, never the admin one. */
final class RedisLogin {

    private final HostAndPort address;
    private final String account;
    private final Duration timeout;

    RedisLogin(HostAndPort address, String account, Duration timeout) {
        this.address = address;
        this.account = account;
        this.timeout = timeout;
    }

    void requireAccepted(Secret expected) throws EngineException {
        String check = "verify: the expected password of '" + account + "'";
        try (Jedis jedis = connect()) {
            jedis.auth(account, expected.reveal());
            requirePong(jedis, check);
        } catch (JedisDataException e) {
            throw new EngineException(check + " was refused by Redis at " + address + ": " + scrub(e.getMessage()));
        } catch (JedisException e) {
            throw unreachable(address, timeout, check, e);
        }
    }

    void requirePasswordFree() throws EngineException {
        String check = "verify: password-free access as '" + account + "'";
        try (Jedis jedis = connect()) {
            // the default user is the one a client without AUTH gets; any other user must be named
            if (!account.equals("default")) jedis.auth(account, "rekey-password-free-probe");
            requirePong(jedis, check);
        } catch (JedisDataException e) {
            throw new EngineException(check + " was refused by Redis at " + address + ": " + scrub(e.getMessage()));
        } catch (JedisException e) {
            throw unreachable(address, timeout, check, e);
        }
    }

    void requireRefused(Secret rejected) throws EngineException {
        String check = "verify: the rejected password of '" + account + "'";
        try (Jedis jedis = connect()) {
            jedis.auth(account, rejected.reveal());
        } catch (JedisDataException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("WRONGPASS")) return;
            throw new EngineException(check + " got an unexpected answer from Redis at " + address + ": "
                    + scrub(e.getMessage()));
        } catch (JedisException e) {
            throw unreachable(address, timeout, check, e);
        }
        throw new EngineException(check + " is still accepted by Redis at " + address);
    }

    /** One login with {@code password} (null: not checked), recorded rather than thrown. */
    Login attempt(Secret password) {
        if (password == null) return Login.NOT_CHECKED;
        try (Jedis jedis = connect()) {
            jedis.auth(account, password.reveal());
            return "PONG".equals(jedis.ping()) ? Login.ACCEPTED : Login.UNREACHABLE;
        } catch (JedisDataException e) {
            return e.getMessage() != null && e.getMessage().startsWith("WRONGPASS") ? Login.REFUSED : Login.UNREACHABLE;
        } catch (JedisException e) {
            return Login.UNREACHABLE;
        }
    }

    private Jedis connect() {
        return new Jedis(address, RedisConnections.connectionConfig(timeout).build());
    }

    private static void requirePong(Jedis jedis, String check) throws EngineException {
        String reply = jedis.ping();
        if (!"PONG".equals(reply)) {
            throw new EngineException(check + ": PING answered '" + reply + "' instead of PONG");
        }
    }
}
