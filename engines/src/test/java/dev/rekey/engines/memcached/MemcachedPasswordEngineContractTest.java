package dev.rekey.engines.memcached;

import dev.rekey.core.PasswordEngine;
import dev.rekey.core.Secret;
import dev.rekey.testkit.PasswordEngineContract;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The engine contract on a spawned memcached with ASCII authentication, its auth file owned by the engine. */
class MemcachedPasswordEngineContractTest extends PasswordEngineContract {
    @TempDir
    Path temp;
    private final List<MemcachedProcess> started = new ArrayList<>();
    private MemcachedProcess memcached;

    @BeforeAll
    static void requireMemcached() {
        MemcachedTestSupport.requireMemcached();
    }

    @Override
    protected PasswordEngine start(Secret initial) throws Exception {
        memcached = track(MemcachedProcess.start(temp.resolve("memcached"), 0, MemcachedTestSupport.USER, initial));
        return memcached.engine();
    }

    @Override
    protected PasswordEngine restart() throws Exception {
        memcached.stop();
        memcached = track(MemcachedProcess.resume(memcached.dir(), memcached.port()));
        return memcached.engine();
    }

    @Override
    protected void stop() {
        started.forEach(MemcachedProcess::stop);
    }

    @Override
    protected long pid() {
        return memcached.pid();
    }

    /** Memcached's ASCII authentication has no password-free mode. */
    @Override
    protected boolean supportsPasswordFree() {
        return false;
    }

    /**
     * A login has a 2 s read timeout; a change waits up to 3 s for memcached to take the new file, and the login it
     * polls with may have started just before that deadline.
     */
    @Override
    protected Duration callTimeout() {
        return Duration.ofMillis(MemcachedPasswordEngine.RELOAD_TIMEOUT_MILLIS).plus(MemcachedTextClient.DEFAULT_TIMEOUT);
    }

    private MemcachedProcess track(MemcachedProcess process) {
        started.add(process);
        return process;
    }
}
