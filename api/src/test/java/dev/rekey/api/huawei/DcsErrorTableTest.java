package dev.rekey.api.huawei;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DcsErrorTableTest {
    private static final DcsErrorTable ERRORS = DcsErrorTable.load();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "DCS.4019|400|The password does not meet complexity requirements.|111400019",
            "DCS.3022|404|This DCS instance does not exist.|111404022",
            "DCS.4061|400|Invalid instance ID format.|111400061",
            "DCS.4001|404|The requested URL does not exist.|111404001",
            "DCS.5000|500|Internal service error.|111500000"})
    void codesMapToTheirStatusMessageAndV1Code(String code, int status, String message, String v1Code) {
        assertEquals(new DcsCode(status, code, message), ERRORS.require(code));
        assertEquals(Optional.of(new DcsCode(status, v1Code, message)), ERRORS.v1Equivalent(code));
    }

    @Test
    void v1NumericCodesAreFoundDirectly() {
        assertEquals(new DcsCode(400, "111400019", "The password does not meet complexity requirements."),
                ERRORS.require("111400019"));
    }

    @Test
    void codeWithoutAV1CounterpartHasNone() {
        assertEquals(Optional.empty(), ERRORS.v1Equivalent("DCS.4007"));
    }

    @Test
    void unknownCodeIsNotFound() {
        assertEquals(Optional.empty(), ERRORS.find("DCS.9999"));
        var e = assertThrows(IllegalArgumentException.class, () -> ERRORS.require("DCS.9999"));
        assertTrue(e.getMessage().contains("DCS.9999"));
    }

    @Test
    void v2ErrorBodyHasCodeMessageAndNullExtMessage() {
        assertEquals("{\"error_code\":\"DCS.4019\",\"error_msg\":\"The password does not meet complexity "
                + "requirements.\",\"error_ext_msg\":null}", HuaweiSerializer.errorBody(ERRORS.require("DCS.4019")));
    }

    @Test
    void v1ErrorBodyNestsCodeAndMessage() {
        assertEquals("{\"error\":{\"code\":\"111400019\",\"message\":\"The password does not meet complexity "
                + "requirements.\"}}", HuaweiSerializer.v1ErrorBody("111400019",
                "The password does not meet complexity requirements."));
    }

    @Test
    void messagesAreJsonEscaped() {
        assertEquals("{\"error_code\":\"DCS.5000\",\"error_msg\":\"say \\\"no\\\"\\\\\",\"error_ext_msg\":null}",
                HuaweiSerializer.errorBody("DCS.5000", "say \"no\"\\"));
    }

    @Test
    void gatewayErrorBodyCarriesTheRequestId() {
        assertEquals("{\"error_msg\":\"Incorrect IAM authentication information: verify aksk signature fail\","
                        + "\"error_code\":\"APIGW.0301\",\"request_id\":\"0123456789abcdef0123456789abcdef\"}",
                HuaweiSerializer.gatewayErrorBody("APIGW.0301",
                        "Incorrect IAM authentication information: verify aksk signature fail",
                        "0123456789abcdef0123456789abcdef"));
    }

    @Test
    void everyRowOfTheTableIsLoaded() throws IOException {
        assertEquals(287, DcsErrorTable.parse(shippedTable()).size());
    }

    @Test
    void malformedTableRowFailsNamingItsLine() {
        var e = assertThrows(IllegalStateException.class, () -> DcsErrorTable.parse(
                "http_status\terror_code\tmessage\n400\tDCS.4019\tok\n4x0\tDCS.4020\tbad\n"));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }

    private static String shippedTable() throws IOException {
        try (var in = DcsErrorTable.class.getResourceAsStream("dcs-error-codes.tsv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
