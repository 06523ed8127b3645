package dev.rekey.engines.guest;

import dev.rekey.core.PasswordEngine;
import dev.rekey.core.Secret;
import dev.rekey.testkit.PasswordEngineContract;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The engine contract on one user of a sandboxed guest: its fingerprint is the shadow entry, a change goes through
 * the agent as a $6$ hash, a restart is the agent stopped and started again on the same private /etc.
 */
class GuestPasswordEngineContractTest extends PasswordEngineContract {
    private static final String USER = "ubuntu";
    private static final Duration AGENT_TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    Path temp;
    private SandboxedGuest guest;

    @BeforeAll
    static void prerequisites() {
        SandboxPrerequisites.require();
    }

    @Override
    protected PasswordEngine start(Secret initial) throws Exception {
        guest = SandboxedGuest.start(temp.resolve("guest"), List.of("root", USER), Map.of(USER, ShaCrypt.sha512Crypt(initial)));
        return new GuestPasswordEngine(guest, USER, AGENT_TIMEOUT);
    }

    @Override
    protected PasswordEngine restart() throws Exception {
        guest.stop(false);
        guest.start();
        return new GuestPasswordEngine(guest, USER, AGENT_TIMEOUT);
    }

    @Override
    protected void stop() {
        if (guest != null) guest.stop(true);
    }

    @Override
    protected long pid() {
        return guest.pid();
    }

    /** A Linux account always has a password. */
    @Override
    protected boolean supportsPasswordFree() {
        return false;
    }

    /** Every agent call is bounded by the timeout the engine is given (connect and guest-sync, then the set). */
    @Override
    protected Duration callTimeout() {
        return AGENT_TIMEOUT.multipliedBy(2);
    }
}
