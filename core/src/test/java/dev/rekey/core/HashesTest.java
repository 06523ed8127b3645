package dev.rekey.core;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HashesTest {

    @Test
    void sha256HexIsTheLowerCaseHexOfTheStandardDigest() {
        // FIPS 180-2 test vectors
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Hashes.sha256Hex("abc"));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Hashes.sha256Hex(new byte[0]));
        assertEquals(Hashes.sha256Hex("é"), Hashes.sha256Hex("é".getBytes(StandardCharsets.UTF_8)), "text is UTF-8");
    }

    @Test
    void hmacMatchesTheRfcVectors() {
        byte[] key = "Jefe".getBytes(StandardCharsets.US_ASCII);
        byte[] message = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
        // RFC 4231 test case 2 and RFC 2202 test case 2
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                Hashes.hex(Hashes.hmac("HmacSHA256", key, message)));
        assertEquals("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79", Hashes.hex(Hashes.hmac("HmacSHA1", key, message)));
    }

    @Test
    void hexRoundTripsAndRefusesWhatIsNotHex() {
        assertArrayEquals(new byte[] {0, (byte) 0xAB, 0x7F}, Hashes.parseHex("00AB7f"));
        assertEquals("00ab7f", Hashes.hex(new byte[] {0, (byte) 0xAB, 0x7F}));
        assertThrows(IllegalArgumentException.class, () -> Hashes.parseHex("abc"));
        assertThrows(IllegalArgumentException.class, () -> Hashes.parseHex("zz"));
    }
}
