package dev.rekey.engines.redis.deployment;

import dev.rekey.core.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * What clients and replicas experience during a rotation: on every node, a client that reconnects again and again
 * with one password, and a watcher that samples every replica's {@code master_link_status}. Paced at a few
 * milliseconds per round so that a 2-core machine still has room for the nodes themselves.
 */
final class Traffic implements AutoCloseable {

    private static final long PACE_NANOS = 3_000_000;

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong logins = new AtomicLong();
    private final AtomicLong loginFailures = new AtomicLong();
    private final AtomicLong linkSamples = new AtomicLong();
    private final Map<String, String> linkDown = new ConcurrentHashMap<>();
    private final Map<String, String> failures = new ConcurrentHashMap<>();

    /** Clients reconnecting with {@code password} to every node of {@code nodes}. */
    static Traffic logins(List<Endpoint> nodes, String account, Secret password) {
        Traffic traffic = new Traffic();
        for (Endpoint node : nodes) traffic.start("login-" + node, () -> traffic.login(node, account, password));
        return traffic;
    }

    /** Adds a watcher sampling INFO replication on every node as the admin user. */
    Traffic watchLinks(List<Endpoint> nodes, String adminUser, Secret adminPassword) {
        start("links", () -> watch(nodes, adminUser, adminPassword));
        return this;
    }

    long logins() {
        return logins.get();
    }

    long loginFailures() {
        return loginFailures.get();
    }

    long linkSamples() {
        return linkSamples.get();
    }

    /** Replica → the first sample that was not {@code master_link_status:up}; empty if every sample was. */
    Map<String, String> linkDown() {
        return Map.copyOf(linkDown);
    }

    Map<String, String> failures() {
        return Map.copyOf(failures);
    }

    @Override
    public void close() {
        running.set(false);
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void start(String name, Runnable loop) {
        threads.add(Thread.ofPlatform().name(name).daemon().start(() -> {
            while (running.get()) {
                loop.run();
                LockSupport.parkNanos(PACE_NANOS);
            }
        }));
    }

    private void login(Endpoint node, String account, Secret password) {
        try (Jedis jedis = new Jedis(node.hostAndPort(), config().build())) {
            jedis.auth(account, password.reveal());
            jedis.ping();
            logins.incrementAndGet();
        } catch (JedisException e) {
            loginFailures.incrementAndGet();
            failures.putIfAbsent(node.toString(), String.valueOf(e.getMessage()));
        }
    }

    private void watch(List<Endpoint> nodes, String adminUser, Secret adminPassword) {
        for (Endpoint node : nodes) {
            try (Jedis jedis = new Jedis(node.hostAndPort(), config().user(adminUser)
                    .password(adminPassword.reveal()).build())) {
                Map<String, String> info = InfoFields.parse(jedis.info("replication"));
                if ("slave".equals(info.get("role")) && !"up".equals(info.get("master_link_status"))) {
                    linkDown.putIfAbsent(node.toString(), "master_link_status:" + info.get("master_link_status"));
                }
                linkSamples.incrementAndGet();
            } catch (JedisException e) {
                linkDown.putIfAbsent(node.toString(), "no answer: " + e.getMessage());
            }
        }
    }

    private static DefaultJedisClientConfig.Builder config() {
        return DefaultJedisClientConfig.builder().timeoutMillis(2000).clientSetInfoConfig(ClientSetInfoConfig.DISABLED);
    }
}
