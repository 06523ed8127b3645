package dev.rekey.engines.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AclUserTest {

    private static byte[] b(String text) {
        return text.getBytes(UTF_8);
    }

    private static final String HASH = "99a384cfb1d42d725b79dc32b315664d9a6ba7070834597ccf8d91b47949a7fe";

    @Test
    void fieldsAreFoundByNameWhateverTheirOrder() {
        List<Object> reply = List.of(
                b("selectors"), List.of(),
                b("passwords"), List.of(b(HASH)),
                b("commands"), b("+@all"),
                b("flags"), List.of(b("on"), b("sanitize-payload")));
        AclUser user = AclUser.parse(reply);
        assertEquals(Set.of(HASH), user.passwords());
        assertFalse(user.passwordFree());
    }

    @Test
    void nopassFlagMeansPasswordFree() {
        AclUser user = AclUser.parse(List.of(b("flags"), List.of(b("on"), b("nopass")), b("passwords"), List.of()));
        assertTrue(user.passwordFree());
        assertTrue(user.passwords().isEmpty());
    }

    @Test
    void malformedRepliesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> AclUser.parse(b("OK")));
        assertThrows(IllegalArgumentException.class, () -> AclUser.parse(List.of(b("flags"))));
        assertThrows(IllegalArgumentException.class, () -> AclUser.parse(List.of(b("flags"), List.of())));
        assertThrows(IllegalArgumentException.class,
                () -> AclUser.parse(List.of(b("flags"), b("on"), b("passwords"), List.of())));
    }
}
