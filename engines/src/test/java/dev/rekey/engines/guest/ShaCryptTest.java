package dev.rekey.engines.guest;

import dev.rekey.core.Secret;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ShaCryptTest {

    @Test
    void hashIsSha512CryptWithASixteenCharacterRandomSalt() {
        String hash = ShaCrypt.sha512Crypt(Secret.of("N3w-Pass!"));
        assertTrue(hash.matches("\\$6\\$[./0-9A-Za-z]{16}\\$[./0-9A-Za-z]{86}"), "shape of " + hash.substring(0, 3));
    }

    @Test
    void twoHashesOfOnePasswordDifferBySalt() {
        Secret password = Secret.of("same-password");
        assertNotEquals(ShaCrypt.sha512Crypt(password), ShaCrypt.sha512Crypt(password));
    }

    @Test
    void matchesAcceptsOnlyThePasswordThatWasHashed() {
        String hash = ShaCrypt.sha512Crypt(Secret.of("N3w-Pass!"));
        assertTrue(ShaCrypt.matches(Secret.of("N3w-Pass!"), hash));
        assertFalse(ShaCrypt.matches(Secret.of("N3w-Pass?"), hash));
        assertFalse(ShaCrypt.matches(Secret.of(""), hash));
    }

    @Test
    void knownHashFromOpensslDocumentationMatches() {
        // engines.md 3.3: openssl passwd -6 -salt fixedsalt Crypted-2
        String hash = "$6$fixedsalt$8ZO9y2z2Nq/v5vYHshfEZiLz9rR1Ezw6wIT3LXkpEHq3vY3xdzOFWF1RbAk0Sbv9s6CIcguOT5ZMzkwXxC4zU/";
        assertTrue(ShaCrypt.matches(Secret.of("Crypted-2"), hash));
        assertFalse(ShaCrypt.matches(Secret.of("Crypted-3"), hash));
    }

    @Test
    void hashAgreesWithOpensslForTheSameSalt() throws Exception {
        assumeTrue(onPath("openssl"), "openssl not installed (Debian package openssl)");
        String hash = ShaCrypt.sha512Crypt(Secret.of("p4ss w0rd ü"));
        String salt = hash.split("\\$")[2];
        Exec.Result openssl = Exec.run(List.of("openssl", "passwd", "-6", "-salt", salt, "p4ss w0rd ü"),
                Duration.ofSeconds(10));
        assertEquals(0, openssl.status());
        assertEquals(hash, openssl.output().strip());
    }

    @Test
    void schemesOtherThanShaCryptAreRefusedRatherThanMisjudged() {
        String yescrypt = "$y$j9T$.VCLye.Gz2qyKuBh3q7gZ1$kLdfeYvYFf3ChJfjaG8nu1rql5LICU4tIwiKxqIEcV4";
        assertThrows(IllegalArgumentException.class, () -> ShaCrypt.matches(Secret.of("x"), yescrypt));
        assertThrows(IllegalArgumentException.class, () -> ShaCrypt.matches(Secret.of("x"), "plaintext"));
    }

    @Test
    void onlyCryptShapedTextCountsAsAHash() {
        assertTrue(ShaCrypt.isCryptHash(ShaCrypt.sha512Crypt(Secret.of("pw"))));
        assertFalse(ShaCrypt.isCryptHash("plain-password"));
        assertFalse(ShaCrypt.isCryptHash("$6$salt$abc:def"));
        assertFalse(ShaCrypt.isCryptHash("$6$salt$abc\nroot:$6$x$y"));
        assertFalse(ShaCrypt.isCryptHash(null));
    }

    private static boolean onPath(String tool) {
        for (String dir : Exec.PATH.split(":")) if (Files.isExecutable(Path.of(dir, tool))) return true;
        return false;
    }
}
