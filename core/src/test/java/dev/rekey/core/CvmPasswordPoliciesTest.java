package dev.rekey.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CvmPasswordPoliciesTest {
    private static final PasswordPolicy LINUX = CvmPasswordPolicies.LINUX;
    private static final PasswordPolicy WINDOWS = CvmPasswordPolicies.WINDOWS;

    @ParameterizedTest
    @ValueSource(strings = {"abc123ABC!@#", "abcdEF12", "abcdef1`", "ABCDEF1'", "aB(~!@#$%^&*-+=_|{}", "aB[]:;'<>,.?/)`", "Ab1/Ab1/"})
    void linuxAcceptsEightToThirtyWithThreeClasses(String ok) {
        assertTrue(LINUX.violation(Secret.of(ok), "root").isEmpty(), ok);
    }

    @Test
    void linuxLengthIsEightToThirty() {
        assertTrue(LINUX.violation(Secret.of("Abc123!")).orElseThrow().contains("8 to 30"));
        assertTrue(LINUX.violation(Secret.of("Abc123!" + "a".repeat(23))).isEmpty());
        assertTrue(LINUX.violation(Secret.of("Abc123!" + "a".repeat(24))).orElseThrow().contains("8 to 30"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abcdefgh12", "ABCDEFGH!!", "abcdefgh!!"})
    void twoClassesAreNotEnough(String bad) {
        assertTrue(LINUX.violation(Secret.of(bad)).orElseThrow().contains("at least 3"), bad);
    }

    @Test
    void aLeadingSlashIsRefusedOnBoth() {
        assertTrue(LINUX.violation(Secret.of("/abcDEF123")).orElseThrow().contains("'/'"));
        assertTrue(WINDOWS.violation(Secret.of("/abcDEF123456")).orElseThrow().contains("'/'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc DEF 123", "abcDEF123\"", "abcDEF123\\", "abcDÉF123"})
    void charactersOutsideTheSeedsClassesAreRefused(String bad) {
        assertTrue(LINUX.violation(Secret.of(bad)).orElseThrow().contains("only letters"), bad);
    }

    @Test
    void windowsNeedsTwelveCharacters() {
        assertTrue(WINDOWS.violation(Secret.of("abcDEF12345"), "Administrator").orElseThrow().contains("12 to 30"));
        assertTrue(WINDOWS.violation(Secret.of("abcDEF123456"), "Administrator").isEmpty());
    }

    @Test
    void windowsRefusesTheUserNameInAnyCase() {
        assertTrue(WINDOWS.violation(Secret.of("xADMINISTRATOR1!"), "Administrator").orElseThrow().contains("user name"));
        assertTrue(WINDOWS.violation(Secret.of("Root#Pass12345"), "root").orElseThrow().contains("user name"));
        assertTrue(LINUX.violation(Secret.of("Root#Pass12345"), "root").isEmpty(), "Linux has no user-name rule");
    }

    @Test
    void aBatchWithAnyWindowsInstanceUsesTheWindowsRules() {
        assertSame(WINDOWS, CvmPasswordPolicies.forBatch(true));
        assertSame(LINUX, CvmPasswordPolicies.forBatch(false));
    }

    @Test
    void theDefaultUserFollowsTheImage() {
        assertEquals("Administrator", CvmPasswordPolicies.defaultUser(true, "windows-2022"));
        assertEquals("ubuntu", CvmPasswordPolicies.defaultUser(false, "Ubuntu-22.04"));
        assertEquals("root", CvmPasswordPolicies.defaultUser(false, "debian-12"));
        assertEquals("root", CvmPasswordPolicies.defaultUser(false, null));
    }

    @Test
    void statesParseAndNameTheirErrorCodes() {
        assertEquals(CvmInstanceState.RESCUE_MODE, CvmInstanceState.parse("rescue_mode").orElseThrow());
        assertTrue(CvmInstanceState.parse("ASLEEP").isEmpty());
        assertEquals("EnterServiceLiveMigrate", CvmInstanceState.ENTER_SERVICE_LIVE_MIGRATE.pascalCase());
        assertEquals("Running", CvmInstanceState.RUNNING.pascalCase());
        assertFalse(CvmInstanceState.STOPPED.agentRuns());
        assertTrue(CvmInstanceState.FREEZING.agentRuns());
    }

    @Test
    void aCvmInstanceShowsItsFactsAndNoOperationBeforeTheFirst() {
        var facts = new CvmFacts(CvmInstanceState.RUNNING, CvmFacts.NOT_APPLICABLE, false, "ubuntu-22.04");
        var i = new Instance("ins-abcd1234", "t", Product.TENCENT_CVM, "ap-guangzhou", "web", EngineKind.GUEST, null, 0,
                null, InstanceState.RUNNING, null, 0, null, false, false, null, null, facts, java.time.Instant.EPOCH, "config",
                java.time.Duration.ZERO);
        CvmInstance cvm = CvmInstance.of(i);
        assertEquals(CvmInstanceState.RUNNING, cvm.state());
        assertFalse(cvm.windows());
        assertEquals("ubuntu", cvm.defaultUser());
        assertNull(cvm.latest());
        assertFalse(i.busy());
    }
}
