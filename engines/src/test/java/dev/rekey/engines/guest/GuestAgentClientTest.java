package dev.rekey.engines.guest;

import dev.rekey.core.EngineException;
import dev.rekey.core.Secret;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The protocol client against one real, sandboxed qemu-ga 7.2. */
@ExtendWith(HostEtcUnchanged.class)
class GuestAgentClientTest {
    @TempDir
    static Path temp;
    static SandboxedGuest guest;

    @BeforeAll
    static void startGuest() throws Exception {
        SandboxPrerequisites.require();
        guest = SandboxedGuest.start(temp.resolve("guest"), List.of("root", "ubuntu"), Map.of());
    }

    @AfterAll
    static void stopGuest() {
        if (guest != null) guest.stop(true);
    }

    @Test
    void syncAndPingAreAnswered() throws Exception {
        try (GuestAgentClient client = GuestAgentClient.connect(guest.socket())) {
            client.ping();
            client.sync();
            client.ping();
        }
    }

    @Test
    void infoShowsThePasswordCommandEnabledAndEveryHostActionDisabled() throws Exception {
        try (GuestAgentClient client = GuestAgentClient.connect(guest.socket())) {
            AgentInfo info = client.info();
            assertTrue(info.version().startsWith("7."), info.version());
            assertTrue(info.isEnabled("guest-set-user-password"));
            assertTrue(info.isEnabled("guest-ping"));
            assertTrue(info.disabledCommands().containsAll(SandboxScript.BLOCKED_COMMANDS),
                    info.disabledCommands().toString());
        }
    }

    @Test
    void guestExecAndGuestShutdownAnswerCommandNotFound() throws Exception {
        try (GuestAgentClient client = GuestAgentClient.connect(guest.socket())) {
            // guest-shutdown would power off the host if it were enabled: only send it once the agent says it is not
            assertTrue(client.info().disabledCommands().containsAll(List.of("guest-exec", "guest-shutdown")),
                    "blocklist not in effect; refusing to send guest-shutdown");
            for (String command : List.of("guest-exec", "guest-shutdown")) {
                AgentMessages.Error error = AgentMessages.readReply(client.execute(command)).orElseThrow().error();
                assertEquals("CommandNotFound", error.errorClass(), command);
                assertEquals("Command " + command + " has been disabled", error.desc());
            }
            client.ping();
        }
    }

    @Test
    void unknownCommandsAreCommandNotFoundErrors() throws Exception {
        try (GuestAgentClient client = GuestAgentClient.connect(guest.socket())) {
            String reply = client.execute("guest-nope");
            assertEquals(new AgentMessages.Error("CommandNotFound", "The command guest-nope has not been found"),
                    AgentMessages.readReply(reply).orElseThrow().error());
        }
    }

    @Test
    void unknownUserIsTheAgentsGenericError() throws Exception {
        try (GuestAgentClient client = GuestAgentClient.connect(guest.socket())) {
            GuestAgentException e = assertThrows(GuestAgentException.class,
                    () -> client.setUserPassword("nosuchuser", ShaCrypt.sha512Crypt(Secret.of("pw"))));
            assertEquals("GenericError", e.errorClass());
            assertEquals("child process has failed to set user password", e.desc());
            assertEquals("guest-set-user-password", e.command());
            client.ping(); // the connection stays usable after an error reply
        }
    }

    @Test
    void somethingThatIsNotACryptHashIsNeverSent() throws Exception {
        try (GuestAgentClient client = GuestAgentClient.connect(guest.socket())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> client.setUserPassword("root", "plain-Passw0rd"));
            assertTrue(!e.getMessage().contains("plain-Passw0rd"));
            assertThrows(IllegalArgumentException.class,
                    () -> client.setUserPassword("a:b", ShaCrypt.sha512Crypt(Secret.of("pw"))));
        }
    }

    @Test
    void syncSkipsStaleRepliesQueuedBeforeIt() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        LineChannel channel = LineChannel.open(guest.socket(), deadline);
        // replies nobody read yet, as an earlier client may leave them in a virtio channel
        channel.writeLine("{\"execute\":\"guest-ping\"}", deadline);
        channel.writeLine("{\"execute\":\"guest-sync\",\"arguments\":{\"id\":7}}", deadline);
        channel.writeLine("{\"execute\":\"guest-nope\"}", deadline);
        try (GuestAgentClient client = new GuestAgentClient(guest.socket(), Duration.ofSeconds(5), channel)) {
            client.sync();
            assertTrue(client.info().isEnabled("guest-set-user-password"), "replies are aligned after the sync");
        }
    }

    @Test
    void connectingToAStoppedAgentTimesOutCleanly() throws Exception {
        signal("STOP");
        try {
            long start = System.nanoTime();
            EngineException e = assertThrows(EngineException.class,
                    () -> GuestAgentClient.connect(guest.socket(), Duration.ofMillis(500)));
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(tookMillis >= 450 && tookMillis < 2000, "took " + tookMillis + " ms");
            assertTrue(e.getMessage().contains("did not answer guest-sync within"), e.getMessage());
        } finally {
            signal("CONT");
        }
        try (GuestAgentClient client = GuestAgentClient.connect(guest.socket())) {
            client.ping();
        }
    }

    @Test
    void aCallToAnAgentStoppedMidConnectionTimesOutAndClosesTheClient() throws Exception {
        try (GuestAgentClient client = GuestAgentClient.connect(guest.socket(), Duration.ofMillis(500))) {
            signal("STOP");
            try {
                EngineException e = assertThrows(EngineException.class, client::ping);
                assertTrue(e.getMessage().contains("did not answer guest-ping"), e.getMessage());
                EngineException closed = assertThrows(EngineException.class, client::ping);
                assertTrue(closed.getMessage().contains("is closed"), closed.getMessage());
            } finally {
                signal("CONT");
            }
        }
    }

    @Test
    void aMissingSocketFailsAtOnceWithoutNamingAHostPath() {
        Path nowhere = temp.resolve("no-such.sock");
        EngineException e = assertThrows(EngineException.class, () -> GuestAgentClient.connect(nowhere));
        assertTrue(e.getMessage().startsWith("cannot connect to the guest agent"), e.getMessage());
        assertFalse(e.getMessage().contains(temp.toString()), "an API client may read this message: " + e.getMessage());
    }

    private static void signal(String name) throws Exception {
        Exec.Result kill = Exec.run(List.of("kill", "-" + name, Long.toString(guest.pid())), Duration.ofSeconds(5));
        assertEquals(0, kill.status(), kill.output());
    }
}
