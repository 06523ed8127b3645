package dev.rekey.engines.guest;

import dev.rekey.core.EngineException;
import dev.rekey.core.Secret;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the CVM product does to a running spawned guest: hash, send with crypted: true, verify the shadow entry. */
@ExtendWith(HostEtcUnchanged.class)
class GuestPasswordSetterTest {
    private static final Secret UBUNTU_INITIAL = Secret.of("Initial-Ubuntu1");

    @TempDir
    static Path temp;
    static SandboxedGuest guest;
    private final GuestPasswordSetter setter = new GuestPasswordSetter();

    @BeforeAll
    static void startGuest() throws Exception {
        SandboxPrerequisites.require();
        guest = SandboxedGuest.start(temp.resolve("guest"), List.of("root", "ubuntu"),
                Map.of("ubuntu", ShaCrypt.sha512Crypt(UBUNTU_INITIAL)));
    }

    @AfterAll
    static void stopGuest() {
        if (guest != null) guest.stop(true);
    }

    @Test
    void rootPasswordIsSetAndTheShadowHoldsExactlyTheHashSent() throws Exception {
        Secret password = Secret.of("R00t-New-Pass!");
        long start = System.nanoTime();
        String hash = setter.setOnline(guest.socket(), "root", password);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(millis < 1000, "set took " + millis + " ms");
        assertEquals(hash, guest.shadowEntry("root").orElseThrow().hash());
        setter.verifyShadow(guest, "root", hash);
        assertTrue(ShaCrypt.matches(password, hash));
        assertTrue(SuCheck.accepts(guest, "root", password), "PAM accepts the new root password");
    }

    @Test
    void createdUserGetsTheNewPasswordAndLosesTheOldOne() throws Exception {
        Secret next = Secret.of("Ubuntu-Next-2");
        String hash = setter.setOnline(guest.socket(), "ubuntu", next);

        setter.verifyShadow(guest, "ubuntu", hash);
        assertTrue(ShaCrypt.matches(next, guest.shadowEntry("ubuntu").orElseThrow().hash()));
        assertFalse(ShaCrypt.matches(UBUNTU_INITIAL, hash));
        assertTrue(SuCheck.accepts(guest, "ubuntu", next), "PAM accepts the new password");
        assertFalse(SuCheck.accepts(guest, "ubuntu", UBUNTU_INITIAL), "PAM refuses the old password");
    }

    @Test
    void verificationFailsWhenTheShadowHoldsAnotherHash() throws Exception {
        String sent = setter.setOnline(guest.socket(), "ubuntu", Secret.of("Whatever-3"));
        String other = ShaCrypt.sha512Crypt(Secret.of("Whatever-3"));
        EngineException e = assertThrows(EngineException.class, () -> setter.verifyShadow(guest, "ubuntu", other));
        assertTrue(e.getMessage().contains("does not hold the hash Rekey sent"), e.getMessage());
        assertFalse(e.getMessage().contains(other) || e.getMessage().contains(sent), "no hash in messages");
        assertThrows(EngineException.class, () -> setter.verifyShadow(guest, "nosuchuser", sent));
    }

    @Test
    void unknownUserFailsWithTheAgentsGenericError() {
        GuestAgentException e = assertThrows(GuestAgentException.class,
                () -> setter.setOnline(guest.socket(), "nosuchuser", Secret.of("Any-Pass-4")));
        assertEquals("GenericError", e.errorClass());
        assertEquals("child process has failed to set user password", e.desc());
    }

    @Test
    void thePlainPasswordReachesNoLogOfTheGuest() throws Exception {
        String plain = "Never-Logged-5";
        setter.setOnline(guest.socket(), "ubuntu", Secret.of(plain));
        String encoded = Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
        for (String log : List.of("qga.log", "sandbox.log")) {
            Path file = guest.dir().resolve(log);
            if (!Files.exists(file)) continue;
            String text = Files.readString(file);
            assertFalse(text.contains(plain) || text.contains(encoded), log + " mentions the password");
        }
    }
}
