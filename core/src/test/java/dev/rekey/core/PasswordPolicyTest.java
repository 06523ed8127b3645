package dev.rekey.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordPolicyTest {
    private static final PasswordPolicy MODIFY = PasswordPolicies.TENCENT_REDIS_MODIFY;

    @ParameterizedTest
    @ValueSource(strings = {"abcdefg1", "ABCDEFG#", "(~!@#$%^&*-+=_|{}[]:;<>,.?/)a", "Aa345678"})
    void passwordsWithTwoClassesAndEightCharactersAreAccepted(String ok) {
        assertTrue(MODIFY.violation(Secret.of(ok)).isEmpty(), ok);
    }

    @Test
    void sixtyFourIsTheLongestAndSixtyFiveTooLong() {
        assertTrue(MODIFY.violation(Secret.of("a".repeat(63) + "1")).isEmpty());
        assertTrue(MODIFY.violation(Secret.of("a".repeat(64) + "1")).orElseThrow().contains("8 to 64"));
    }

    @Test
    void sevenCharactersAreTooShort() {
        assertTrue(MODIFY.violation(Secret.of("abcde1#")).orElseThrow().contains("8 to 64"));
    }

    @Test
    void aLeadingSlashIsRefused() {
        assertTrue(MODIFY.violation(Secret.of("/abcdefg1")).orElseThrow().contains("'/'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc def1", "abcdefg1'", "abcdefg1\\", "abcdefg1`", "abcdefg1\"", "abcdéfg1"})
    void charactersOutsideTheFourClassesAreRefused(String bad) {
        assertTrue(MODIFY.violation(Secret.of(bad)).orElseThrow().contains("only letters"), bad);
    }

    @Test
    void oneClassIsNotEnough() {
        assertTrue(MODIFY.violation(Secret.of("abcdefgh")).orElseThrow().contains("at least 2"));
    }

    @Test
    void messagesNeverRepeatThePassword() {
        String pw = "zz secret zz";
        assertFalse(MODIFY.violation(Secret.of(pw)).orElseThrow().contains("secret"));
    }

    @Test
    void userNameRulesCompareAsDocumented() {
        var reversed = new PasswordPolicy("t", 6, 32, 2, "#", false, PasswordPolicy.UserNameRule.NOT_EQUAL_OR_REVERSED);
        assertFalse(reversed.violation(Secret.of("alice1"), "alice1").isEmpty());
        assertFalse(reversed.violation(Secret.of("1ecila"), "alice1").isEmpty());
        assertTrue(reversed.violation(Secret.of("alice12"), "alice1").isEmpty());
        var contains = new PasswordPolicy("t", 6, 32, 2, "#", false, PasswordPolicy.UserNameRule.NOT_CONTAINED_IGNORING_CASE);
        assertFalse(contains.violation(Secret.of("xxADMINISTRATOR1"), "Administrator").isEmpty());
    }

    @Test
    void theResetRuleIsThirtyTwoAtMost() {
        assertTrue(PasswordPolicies.TENCENT_REDIS_RESET.violation(Secret.of("a".repeat(31) + "1")).isEmpty());
        assertFalse(PasswordPolicies.TENCENT_REDIS_RESET.violation(Secret.of("a".repeat(32) + "1")).isEmpty());
    }
}
