package dev.rekey.api.aliyun;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstanceNameRuleTest {

    @ParameterizedTest
    @ValueSource(strings = {"ab", "newinstancename", "demo-~name_1", "Orders.cache(2)", "订单缓存", "a!#$%^&*+,;?|'"})
    void namesThatStartWithALetterAndAvoidTheForbiddenCharactersAreValid(String ok) {
        assertTrue(InstanceNameRule.violation(ok).isEmpty(), ok);
    }

    @Test
    void twoToOneHundredTwentyEightCharactersCountedAsCodePoints() {
        assertTrue(InstanceNameRule.violation("a".repeat(128)).isEmpty());
        assertEquals("it must be 2 to 128 characters long.", InstanceNameRule.violation("a".repeat(129)).orElseThrow());
        assertEquals("it must be 2 to 128 characters long.", InstanceNameRule.violation("a").orElseThrow());
        assertTrue(InstanceNameRule.violation("a" + "😀".repeat(127)).isEmpty(), "128 code points, 255 chars");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1abc", "-abc", "_abc", "~abc", "😀abc"})
    void theFirstCharacterMustBeALetter(String bad) {
        assertEquals("it must start with a letter.", InstanceNameRule.violation(bad).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "a\tb", "a\nb", "a\u3000b", "a\u00a0b", "ab "})
    void noSpacesOfAnyKind(String bad) {
        assertEquals("it must not contain spaces.", InstanceNameRule.violation(bad).orElseThrow());
    }

    @Test
    void noneOfTheSeedsSpecialCharacters() {
        for (char c : "@/:=\"<>{[]}".toCharArray()) {
            assertTrue(InstanceNameRule.violation("ab" + c + "cd").orElseThrow().contains("must not contain any of"), "" + c);
        }
    }
}
