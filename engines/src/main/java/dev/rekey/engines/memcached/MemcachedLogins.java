package dev.rekey.engines.memcached;

import dev.rekey.core.EngineException;
import dev.rekey.core.Secret;
import dev.rekey.core.Login;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** Proof by real logins, each on a fresh connection, since a logged-in connection stays so after a reload. */
final class MemcachedLogins {
    private static final String PROBE_KEY = "rekey:verify";

    private final String host;
    private final int port;
    private final Duration timeout;

    MemcachedLogins(String host, int port, Duration timeout) {
        this.host = host;
        this.port = port;
        this.timeout = timeout;
    }

    /**
     * Polls until {@code accepted} logs in and every entry of {@code refused} is refused; a refused connection ends
     * the wait at once, the server is gone.
     */
    void awaitInForce(AuthEntry accepted, List<AuthEntry> refused, long timeoutMillis) throws EngineException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        String lastProblem = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                lastProblem = problemWith(accepted, refused);
                if (lastProblem == null) return;
            } catch (ConnectException e) {
                throw unreachable(e);
            } catch (IOException e) {
                lastProblem = e.getMessage();
            }
            pause();
        }
        throw new EngineException("memcached at " + address() + " did not take the new auth file within "
                + timeoutMillis / 1000 + " s: " + lastProblem);
    }

    /** What still shows the old file in force, or null when nothing does. */
    private String problemWith(AuthEntry accepted, List<AuthEntry> refused) throws IOException {
        if (!replyTo(accepted).equals(MemcachedTextClient.STORED)) {
            return "the new password of user '" + accepted.user() + "' is not accepted yet";
        }
        for (AuthEntry entry : refused) {
            if (!replyTo(entry).equals(MemcachedTextClient.AUTHENTICATION_FAILURE)) {
                return "a removed password of user '" + entry.user() + "' is still accepted";
            }
        }
        return null;
    }

    private String replyTo(AuthEntry entry) throws IOException {
        try (MemcachedTextClient client = connect()) {
            return client.authenticate(entry.user(), entry.password());
        }
    }

    /** The login works, and the logged-in connection can write and read back a key. */
    void requireAcceptedWithReadWrite(String user, Secret password) throws EngineException {
        String value = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        try (MemcachedTextClient client = connect()) {
            String login = client.authenticate(user, password);
            if (!login.equals(MemcachedTextClient.STORED)) {
                throw new EngineException("verify failed: memcached at " + address() + " refused the expected"
                        + " password of user '" + user + "' (" + login + ")");
            }
            String stored = client.set(PROBE_KEY, value);
            Optional<String> readBack = client.get(PROBE_KEY);
            if (!stored.equals(MemcachedTextClient.STORED) || !readBack.equals(Optional.of(value))) {
                throw new EngineException("verify failed: after the login memcached at " + address()
                        + " answered set with " + stored + " and did not return the value");
            }
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    /** The login is refused with memcached's authentication failure, not merely unanswered. */
    void requireRefused(String user, Secret password) throws EngineException {
        try (MemcachedTextClient client = connect()) {
            String login = client.authenticate(user, password);
            if (!login.equals(MemcachedTextClient.AUTHENTICATION_FAILURE)) {
                throw new EngineException("verify failed: memcached at " + address() + " did not refuse the"
                        + " password that should be refused for user '" + user + "' (" + login + ")");
            }
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    /** One login with {@code password} (null: not checked), recorded rather than thrown. */
    Login attempt(String user, Secret password) {
        if (password == null) return Login.NOT_CHECKED;
        try (MemcachedTextClient client = connect()) {
            String reply = client.authenticate(user, password);
            if (reply.equals(MemcachedTextClient.STORED)) return Login.ACCEPTED;
            return reply.equals(MemcachedTextClient.AUTHENTICATION_FAILURE) ? Login.REFUSED : Login.UNREACHABLE;
        } catch (IOException e) {
            return Login.UNREACHABLE;
        }
    }

    private MemcachedTextClient connect() throws IOException {
        return MemcachedTextClient.connect(host, port, timeout);
    }

    private EngineException unreachable(IOException e) {
        return new EngineException("memcached at " + address() + " did not answer: " + e.getMessage(), e);
    }

    private String address() {
        return host + ":" + port;
    }

    private static void pause() throws EngineException {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while waiting for memcached to reload its auth file", e);
        }
    }
}
