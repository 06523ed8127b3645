package dev.rekey.core;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretTest {

    @Test
    void toStringNeverShowsTheValue() {
        assertEquals("Secret[redacted]", Secret.of("hunter2").toString());
        assertFalse(new ChangeRequest("t", "a", Product.TENCENT_REDIS, "r", "i", Secret.of("oldpw"), Secret.of("newpw"),
                PasswordPolicies.TENCENT_REDIS_MODIFY, "x", "rid").toString().contains("pw"));
    }

    @Test
    void sha256IsTheFingerprintRedisKeeps() {
        // printf bootpass | sha256sum (engines notes, section 1.5)
        assertEquals("99a384cfb1d42d725b79dc32b315664d9a6ba7070834597ccf8d91b47949a7fe", Secret.of("bootpass").sha256Hex());
    }

    @Test
    void sealedSecretsOpenOnlyWithTheSameKey() {
        var box = new SecretBox(SecretBox.newKey());
        String sealed = box.seal(Secret.of("Initial#Pass1"));
        assertFalse(sealed.contains("Initial"));
        assertTrue(box.open(sealed).sameAs(Secret.of("Initial#Pass1")));
        assertNotEquals(sealed, box.seal(Secret.of("Initial#Pass1")), "a fresh nonce each time");
        var other = new SecretBox(SecretBox.newKey());
        assertThrows(IllegalStateException.class, () -> other.open(sealed));
        assertNotEquals(box.fingerprint(), other.fingerprint());
    }

    @Test
    void engineStatesSurviveTheirTextForm() {
        var state = new EngineState(Set.of("aa", "bb"), false, Secret.of("alice:pw\n"));
        var back = EngineStateCodec.decode(EngineStateCodec.encode(state));
        assertEquals(state.fingerprints(), back.fingerprints());
        assertTrue(back.restoreData().sameAs(state.restoreData()));
        var free = EngineStateCodec.decode(EngineStateCodec.encode(EngineState.of(Set.of(), true)));
        assertTrue(free.passwordFree());
        assertTrue(free.holdsExactly(EngineState.NOPASS));
    }
}
