package dev.rekey.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.rekey.core.DcsPasswordPolicies.V1_MEMCACHED;
import static dev.rekey.core.DcsPasswordPolicies.V1_REDIS;
import static dev.rekey.core.DcsPasswordPolicies.V2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DcsPasswordPoliciesTest {

    private static boolean ok(PasswordPolicy policy, String password) {
        return policy.violation(Secret.of(password)).isEmpty();
    }

    @Test
    void v2SpecialsAreExactlyTheSeedsTwentyFiveCharacters() {
        assertEquals(25, V2.specials().length());
        for (char c : "`~!@#$%^&*()-_=+|{},<.>/?".toCharArray()) {
            assertTrue(ok(V2, "Abcdefg" + c), "special " + c);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Abcdefg:", "Abcdefg\\", "Abcdefg;", "Abcdefg[", "Abcdefg'", "Abcdefg\"", "Abcdef g1", "Abcdéfg1"})
    void v2RefusesCharactersOutsideItsFourClasses(String bad) {
        assertTrue(V2.violation(Secret.of(bad)).orElseThrow().contains("only letters"), bad);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abcdefgh", "abcdefg1", "ABCDEFG#", "12345678", "abcd####"})
    void v2NeedsThreeClasses(String weak) {
        assertTrue(V2.violation(Secret.of(weak)).orElseThrow().contains("at least 3"), weak);
    }

    @Test
    void v2IsEightToSixtyFourCharacters() {
        assertTrue(ok(V2, "Abcdef1#"));
        assertFalse(ok(V2, "Abcde1#"));
        assertTrue(ok(V2, "Ab1" + "c".repeat(61)));
        assertFalse(ok(V2, "Ab1" + "c".repeat(62)));
    }

    @Test
    void v1SpecialsHaveColonAndBackslashButNoPercent() {
        assertEquals(26, V1_REDIS.specials().length());
        assertTrue(ok(V1_REDIS, "abcde:"));
        assertTrue(ok(V1_REDIS, "abcde\\"));
        assertTrue(V1_REDIS.violation(Secret.of("abcde%")).orElseThrow().contains("only letters"));
    }

    @Test
    void v1RedisIsSixToThirtyTwoCharactersWithTwoClasses() {
        assertTrue(ok(V1_REDIS, "abcde1"));
        assertFalse(ok(V1_REDIS, "abcd1"));
        assertTrue(ok(V1_REDIS, "a".repeat(31) + "1"));
        assertFalse(ok(V1_REDIS, "a".repeat(32) + "1"));
        assertTrue(V1_REDIS.violation(Secret.of("abcdefgh")).orElseThrow().contains("at least 2"));
    }

    @Test
    void v1MemcachedRefusesTheUserNameAndItsReverse() {
        assertTrue(V1_MEMCACHED.violation(Secret.of("cacheuser1"), "cacheuser1").orElseThrow().contains("user name"));
        assertTrue(V1_MEMCACHED.violation(Secret.of("1resuehcac"), "cacheuser1").orElseThrow().contains("user name"));
        assertTrue(V1_MEMCACHED.violation(Secret.of("cacheuser2"), "cacheuser1").isEmpty());
        assertTrue(V1_REDIS.violation(Secret.of("cacheuser1"), "cacheuser1").isEmpty(), "Redis has no user name rule");
    }

    @Test
    void v1PolicyFollowsTheEngine() {
        assertEquals(V1_MEMCACHED, DcsPasswordPolicies.v1For(EngineKind.MEMCACHED));
        assertEquals(V1_REDIS, DcsPasswordPolicies.v1For(EngineKind.REDIS));
    }
}
