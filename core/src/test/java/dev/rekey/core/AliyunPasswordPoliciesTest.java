package dev.rekey.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

class AliyunPasswordPoliciesTest {
    private static final PasswordPolicy INSTANCE = AliyunPasswordPolicies.MODIFY_INSTANCE_ATTRIBUTE;
    private static final PasswordPolicy RESET = AliyunPasswordPolicies.RESET_ACCOUNT_PASSWORD;

    @ParameterizedTest
    @ValueSource(strings = {"uW8+nsrp", "Ab1!#$%^&*()_+-=", "abcdefG1", "ABCDEFg!", "abcdef1!", "Aa1aaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void theSeedsExampleAndEveryListedSpecialAreAccepted(String ok) {
        assertTrue(INSTANCE.violation(Secret.of(ok)).isEmpty(), ok);
    }

    @Test
    void thirtyTwoIsTheLongestAndEightTheShortest() {
        assertTrue(INSTANCE.violation(Secret.of("Aa1" + "a".repeat(30))).orElseThrow().contains("8 to 32"));
        assertTrue(INSTANCE.violation(Secret.of("Aa1aaaa")).orElseThrow().contains("8 to 32"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abcdefgh1", "ABCDEFGH1", "abcdEFGHij", "abcd!!!!!", "12345678!"})
    void twoClassesAreNotEnough(String bad) {
        assertTrue(INSTANCE.violation(Secret.of(bad)).orElseThrow().contains("at least 3"), bad);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Abcdef1@", "Abcdef1 x", "Abcdef1~", "Abcdef1.", "Abcdef1/", "Abcdéf1!"})
    void charactersOutsideTheSeedsSetAreRefusedForTheInstancePassword(String bad) {
        assertTrue(INSTANCE.violation(Secret.of(bad)).orElseThrow().contains("only letters"), bad);
    }

    @Test
    void theAccountActionsAlsoAcceptTheAtSign() {
        assertTrue(RESET.violation(Secret.of("Abcdef1@")).isEmpty());
        assertTrue(AliyunPasswordPolicies.MODIFY_ACCOUNT_PASSWORD.violation(Secret.of("Abcdef1@")).isEmpty());
        assertTrue(RESET.violation(Secret.of("Abcdef1~")).orElseThrow().contains("only letters"));
    }

    @Test
    void everyPolicyDescribesItself() {
        for (PasswordPolicy p : AliyunPasswordPolicies.all()) {
            assertTrue(p.describe().startsWith("aliyun-redis "), p.describe());
            assertTrue(p.describe().contains("8-32 characters, at least 3 of 4 classes"), p.describe());
        }
    }
}
