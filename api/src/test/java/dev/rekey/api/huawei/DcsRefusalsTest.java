package dev.rekey.api.huawei;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rekey.api.Refusal;
import dev.rekey.core.ErrorCode;
import dev.rekey.core.Failure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DcsRefusalsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode body(Refusal refusal, boolean v1) throws Exception {
        var answer = HuaweiSerializer.refusal(refusal, v1, "0123456789abcdef0123456789abcdef");
        assertEquals("0123456789abcdef0123456789abcdef", answer.headers().get("X-Request-Id"));
        assertTrue(answer.contentType().startsWith("application/json"));
        return JSON.readTree(answer.body());
    }

    @Test
    void everyCoreFailureHasADocumentedAnswer() {
        for (ErrorCode code : ErrorCode.values()) {
            Refusal r = DcsFailures.of(Failure.of(code, "why"));
            assertTrue(r.status() >= 400, code + " → " + r.code());
        }
        assertEquals("DCS.3022", DcsFailures.of(Failure.of(ErrorCode.INSTANCE_NOT_FOUND, "x")).code());
        assertEquals(404, DcsFailures.of(Failure.of(ErrorCode.INSTANCE_NOT_FOUND, "x")).status());
        assertEquals("DCS.4115", DcsFailures.of(Failure.of(ErrorCode.INSTANCE_BUSY, "x")).code());
        assertEquals("DCS.4049", DcsFailures.of(Failure.of(ErrorCode.ENGINE_UNAVAILABLE, "x")).code());
    }

    /** Every DCS code the dialect answers with, and its v1.0 numeric twin (the DCS name when the table has none). */
    @ParameterizedTest
    @CsvSource({"DCS.3022,404,111404022", "DCS.4019,400,111400019", "DCS.4080,400,111400080", "DCS.4115,400,111400115",
            "DCS.4049,400,DCS.4049", "DCS.4026,400,111400026", "DCS.4800,400,111400800", "DCS.5000,500,111500000",
            "DCS.4001,404,111404001", "DCS.5001,405,111405001", "DCS.4004,400,111400004", "DCS.4005,400,111400005",
            "DCS.4845,400,111400845", "DCS.4843,400,111400843", "DCS.4849,400,111400849", "DCS.4850,400,111400850",
            "DCS.4842,500,111400842", "DCS.4062,400,111400062", "DCS.1004,401,111401004", "DCS.4061,400,111400061"})
    void eachCodeRendersInBothShapes(String code, int status, String v1Code) throws Exception {
        var refusal = HuaweiRefusals.dcs(code, "Detail.");
        JsonNode v2 = body(refusal, false);
        assertEquals(code, v2.get("error_code").asText());
        assertTrue(v2.get("error_msg").asText().endsWith(" Detail."));
        assertTrue(v2.get("error_ext_msg").isNull());
        assertEquals(status, HuaweiSerializer.refusal(refusal, false, "r").status());
        JsonNode v1 = body(refusal, true).get("error");
        assertEquals(v1Code, v1.get("code").asText());
        assertTrue(v1.get("message").asText().endsWith(" Detail."));
        assertEquals(v1Code, HuaweiSerializer.shownCode(refusal, true), "the access line names the code shown");
    }

    @Test
    void placeholdersAreFilledWithTheParameterName() throws Exception {
        assertEquals("Invalid limit parameter in the request. Why.",
                body(HuaweiRefusals.dcs("DCS.4062", "limit", "Why."), false).get("error_msg").asText());
    }

    @Test
    void throttlingIsTheGatewaysAnswerWithTheRequestIdInTheBody() throws Exception {
        var refusal = DcsFailures.of(Failure.of(ErrorCode.RATE_LIMITED, "more than 20 requests per second"));
        assertEquals(429, HuaweiSerializer.refusal(refusal, true, "r").status());
        JsonNode body = body(refusal, true);
        assertEquals("APIGW.0308", body.get("error_code").asText());
        assertEquals("0123456789abcdef0123456789abcdef", body.get("request_id").asText());
    }

    @Test
    void changeResultsCarryEveryFieldAsAString() throws Exception {
        JsonNode locked = JSON.valueToTree(ChangeResult.locked(5, 3).json());
        assertEquals("locked", locked.get("result").asText());
        for (String field : new String[] {"retry_times_left", "lock_time", "lock_time_left"}) {
            assertTrue(locked.get(field).isTextual(), field);
        }
        assertEquals("3", locked.get("lock_time_left").asText());
        JsonNode failed = JSON.valueToTree(ChangeResult.failed(5, "the engine did not answer").json());
        assertEquals("failed", failed.get("result").asText());
        assertEquals("5", failed.get("retry_times_left").asText());
        assertEquals(JSON.readTree("{\"lock_time\":\"0\",\"result\":\"success\",\"lock_time_left\":\"0\","
                        + "\"retry_times_left\":\"5\",\"message\":\"Modify DCSInstance password success.\"}"),
                JSON.valueToTree(ChangeResult.success(5).json()), "the seed's success example exactly");
        assertEquals(JSON.readTree("{\"result\":\"passwordFailed\",\"message\":\"verify password failed.\","
                        + "\"retry_times_left\":\"4\",\"lock_time\":\"5\",\"lock_time_left\":\"5\"}"),
                JSON.valueToTree(ChangeResult.passwordFailed(4, 5).json()), "the seed's failure example exactly");
    }
}
