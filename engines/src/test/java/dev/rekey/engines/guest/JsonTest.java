package dev.rekey.engines.guest;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonTest {

    @Test
    void agentRepliesAreRead() {
        assertEquals(Map.of("return", new BigDecimal("424242")), Json.parse("{\"return\": 424242}"));
        assertEquals(Map.of("return", Map.of()), Json.parse("{\"return\": {}}"));
        assertEquals(Map.of("error", Map.of("class", "CommandNotFound", "desc", "Command guest-exec has been disabled")),
                Json.parse("{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"Command guest-exec has been disabled\"}}"));
        assertEquals(Map.of("a", List.of(true, false), "b", "\uFFFD\n"),
                Json.parse(" {\"a\":[true,false],\"b\":\"\\uFFFD\\n\"} "));
    }

    @Test
    void quotedStringsRoundTrip() {
        String tricky = "a\"b\\c\nd\u0001é";
        assertEquals(tricky, Json.parse(Json.quote(tricky)));
    }

    @Test
    void malformedInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"return\": 1"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"return\": 1} x"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse(""));
    }
}
