package dev.rekey.server;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrometheusTextTest {
    @Test
    void samplesWithLabelsEscapesAndSpecialValuesAreRead() {
        var text = PrometheusText.parse("""
                # HELP rekey_requests_total Cloud API requests
                # TYPE rekey_requests_total counter
                rekey_requests_total{cloud="tencent",action="A \\"quoted\\" \\\\ one\\nline",status="200"} 3.0
                rekey_request_duration_seconds_bucket{le="+Inf"} 7 1700000000000
                up NaN
                low -Inf
                """);
        assertEquals("counter", text.type("rekey_requests_total").orElseThrow());
        var s = text.find("rekey_requests_total", Map.of("cloud", "tencent")).get(0);
        assertEquals("A \"quoted\" \\ one\nline", s.labels().get("action"));
        assertEquals(3.0, s.value());
        assertEquals(7.0, text.sum("rekey_request_duration_seconds_bucket", Map.of("le", "+Inf")));
        assertTrue(Double.isNaN(text.find("up", Map.of()).get(0).value()));
        assertEquals(Double.NEGATIVE_INFINITY, text.find("low", Map.of()).get(0).value());
        assertEquals(0.0, text.sum("absent", Map.of()));
    }

    @Test
    void aLineThatIsNotTheFormatIsRefusedNamingIt() {
        var e = assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("ok 1\nbad{label=unquoted} 1\n"));
        assertTrue(e.getMessage().startsWith("line 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("name_without_value\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("# TYPE x kind\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("x{a=\"\\q\"} 1\n"));
    }
}
