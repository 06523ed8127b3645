package dev.rekey.engines.redis;

import static dev.rekey.engines.redis.RedisConnections.scrub;
import static dev.rekey.engines.redis.RedisConnections.unreachable;

import dev.rekey.core.EngineException;
import dev.rekey.core.EngineState;
import dev.rekey.core.Secret;
import dev.rekey.core.Login;
import dev.rekey.core.NodeProof;
import dev.rekey.core.NodeRole;
import dev.rekey.core.PasswordEngine;
import dev.rekey.core.RotationProof;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The password of one Redis ACL user ({@code account}, normally {@code default}), changed through a separate admin
 * user. Changes send only SHA-256 hashes ({@code #<hex>}), so a new password never travels for the change itself;
 * only {@link #verify} sends passwords, on fresh connections, to prove what a client will experience.
 *
 * <p>Every call opens its own admin connection (the engine timeout bounds connect and read) and closes it, so the engine needs no
 * lifecycle and keeps working across a Redis restart.
 */
public final class RedisPasswordEngine implements PasswordEngine {

    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{64}");
    private static final String NO_ACL_FILE = "not configured to use an ACL file";

    private final HostAndPort address;
    private final String adminUser;
    private final Secret adminPassword;
    private final String account;
    private final Duration timeout;

    public RedisPasswordEngine(String host, int port, String adminUser, Secret adminPassword, String account) {
        this(host, port, adminUser, adminPassword, account, RedisConnections.DEFAULT_TIMEOUT);
    }

    /** {@code timeout} bounds every connect and every reply, so a dead engine fails a call rather than hanging it. */
    public RedisPasswordEngine(String host, int port, String adminUser, Secret adminPassword, String account, Duration timeout) {
        this.address = new HostAndPort(Objects.requireNonNull(host, "host"), port);
        this.adminUser = Objects.requireNonNull(adminUser, "adminUser");
        this.adminPassword = Objects.requireNonNull(adminPassword, "adminPassword");
        this.account = Objects.requireNonNull(account, "account");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** The same engine with another call timeout. */
    public RedisPasswordEngine withTimeout(Duration next) {
        return new RedisPasswordEngine(address.getHost(), address.getPort(), adminUser, adminPassword, account, next);
    }

    @Override
    public EngineState read() throws EngineException {
        Object reply = admin("read ACL user '" + account + "'",
                jedis -> jedis.sendCommand(Protocol.Command.ACL, "GETUSER", account));
        if (reply == null) {
            throw new EngineException("Redis at " + address + " has no ACL user '" + account + "'");
        }
        try {
            AclUser user = AclUser.parse(reply);
            return EngineState.of(user.passwords(), user.passwordFree());
        } catch (IllegalArgumentException e) {
            throw new EngineException("Redis at " + address + " gave an unreadable reply: " + e.getMessage());
        }
    }

    @Override
    public void replace(Secret next) throws EngineException {
        // resetpass also clears nopass, so password-free access ends in the same atomic command
        setUser("replace the password", List.of("resetpass", "#" + next.sha256Hex()));
    }

    @Override
    public void makePasswordFree() throws EngineException {
        setUser("make the account password-free", List.of("resetpass", "nopass"));
    }

    @Override
    public void restore(EngineState previous) throws EngineException {
        List<String> rules = new ArrayList<>();
        rules.add("resetpass");
        if (previous.passwordFree()) {
            rules.add("nopass");
        } else {
            for (String fingerprint : previous.fingerprints()) {
                if (!FINGERPRINT.matcher(fingerprint).matches()) {
                    throw new EngineException("cannot restore a fingerprint that is not 64 lowercase hex digits");
                }
                rules.add("#" + fingerprint);
            }
        }
        setUser("restore the previous passwords", rules);
    }

    @Override
    public void persist() throws EngineException {
        admin("persist ACL user '" + account + "' (ACL SAVE, or CONFIG REWRITE without an ACL file)", jedis -> {
            try {
                return jedis.aclSave();
            } catch (JedisDataException e) {
                // an instance without aclfile keeps its users in redis.conf
                if (e.getMessage() == null || !e.getMessage().contains(NO_ACL_FILE)) throw e;
                return jedis.configRewrite();
            }
        });
    }

    @Override
    public void verify(Secret expected, Secret rejected) throws EngineException {
        RedisLogin login = new RedisLogin(address, account, timeout);
        if (expected == null) {
            login.requirePasswordFree();
        } else {
            login.requireAccepted(expected);
        }
        if (rejected != null) login.requireRefused(rejected);
    }

    /**
     * Adds {@code next} beside the passwords the account has: an overlap window opens. A password-free account is
     * left so (it accepts {@code next} already, and adding a password would end password-free access at once);
     * {@link #removeOtherPasswords} ends it.
     */
    @Override
    public void addPassword(Secret next) throws EngineException {
        if (read().passwordFree()) return;
        setUser("add a password", List.of("#" + next.sha256Hex()));
    }

    @Override
    public void removeOtherPasswords(Secret keep) throws EngineException {
        replace(keep);
    }

    /** A single node has no replication link of its own to check. */
    @Override
    public void requireLinksUp() {
    }

    @Override
    public RotationProof prove(Secret next, Secret old) {
        Instant at = Instant.now();
        RedisLogin login = new RedisLogin(address, account, timeout);
        return new RotationProof(at, List.of(new NodeProof(address.toString(), role(), login.attempt(next),
                login.attempt(old))));
    }

    private NodeRole role() {
        try {
            String info = admin("read INFO replication", jedis -> jedis.info("replication"));
            if (info.contains("role:master")) return NodeRole.PRIMARY;
            return info.contains("role:slave") ? NodeRole.REPLICA : NodeRole.UNKNOWN;
        } catch (EngineException e) {
            return NodeRole.UNKNOWN;
        }
    }

    /** Proves the admin connection works. */
    public void ping() throws EngineException {
        String reply = admin("ping", Jedis::ping);
        if (!"PONG".equals(reply)) {
            throw new EngineException("Redis at " + address + " answered PING with '" + reply + "'");
        }
    }

    /** The {@code redis_version} from {@code INFO server}. */
    public String version() throws EngineException {
        String info = admin("read INFO server", jedis -> jedis.info("server"));
        return info.lines()
                .filter(line -> line.startsWith("redis_version:"))
                .map(line -> line.substring("redis_version:".length()).trim())
                .findFirst()
                .orElseThrow(() -> new EngineException("INFO server of Redis at " + address + " has no redis_version"));
    }

    public String host() {
        return address.getHost();
    }

    public int port() {
        return address.getPort();
    }

    public String account() {
        return account;
    }

    @Override
    public String toString() {
        return "RedisPasswordEngine[" + address + ", account=" + account + ", admin=" + adminUser + "]";
    }

    private void setUser(String action, List<String> rules) throws EngineException {
        List<String> args = new ArrayList<>(List.of("SETUSER", account));
        args.addAll(rules);
        Object reply = admin(action + " of ACL user '" + account + "'",
                jedis -> jedis.sendCommand(Protocol.Command.ACL, args.toArray(String[]::new)));
        if (!(reply instanceof byte[] ok) || !"OK".equals(new String(ok, StandardCharsets.UTF_8))) {
            throw new EngineException("Redis at " + address + " did not confirm: " + action);
        }
    }

    @FunctionalInterface
    private interface AdminCall<T> {
        T run(Jedis jedis);
    }

    private <T> T admin(String action, AdminCall<T> call) throws EngineException {
        try (Jedis jedis = new Jedis(address, adminConfig())) {
            return call.run(jedis);
        } catch (JedisAccessControlException e) {
            throw new EngineException("Redis at " + address + " refused admin user '" + adminUser + "' to "
                    + action + ": " + scrub(e.getMessage()));
        } catch (JedisDataException e) {
            throw new EngineException("Redis at " + address + " could not " + action + ": " + scrub(e.getMessage()));
        } catch (JedisException e) {
            throw unreachable(address, timeout, "admin call to " + action, e);
        }
    }

    private JedisClientConfig adminConfig() {
        return RedisConnections.connectionConfig(timeout).user(adminUser).password(adminPassword.reveal()).build();
    }
}
