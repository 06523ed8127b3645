package dev.rekey.api.huawei;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The public DCS error-code table ({@code dcs-error-codes.tsv}: status, code, message) and the three error envelopes
 * Huawei clients receive: DCS v2, DCS v1.0 and the API gateway's.
 *
 * <p>The table lists v2 {@code DCS.xxxx} codes and v1.0 numeric codes as separate rows without linking them. A v1.0
 * code is taken as the equivalent of a DCS code when it carries the same message; where several share a message,
 * the one whose last three digits match (DCS.4019 and 111400019, DCS.3022 and 111404022).
 */
public final class HuaweiErrors {
    private static final String RESOURCE = "dcs-error-codes.tsv";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, DcsError> byCode;

    private HuaweiErrors(Map<String, DcsError> byCode) {
        this.byCode = Collections.unmodifiableMap(byCode);
    }

    /** Reads the table shipped with this package; a malformed row fails here, naming its line. */
    public static HuaweiErrors load() {
        try (InputStream in = HuaweiErrors.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            return new HuaweiErrors(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** A DCS code or a v1.0 numeric code, as the table has it. */
    public Optional<DcsError> find(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /** Like {@link #find}, for codes the caller knows to be in the table. */
    public DcsError require(String code) {
        return find(code).orElseThrow(() -> new IllegalArgumentException(
                "error code " + code + " is not in " + RESOURCE));
    }

    /** The v1.0 numeric row equivalent to a {@code DCS.xxxx} code (see the class comment), if the table has one. */
    public Optional<DcsError> v1Equivalent(String dcsCode) {
        DcsError dcs = byCode.get(dcsCode);
        if (dcs == null || dcs.isV1Numeric()) return Optional.empty();
        List<DcsError> sameMessage = byCode.values().stream()
                .filter(e -> e.isV1Numeric() && e.message().equals(dcs.message())).toList();
        String suffix = lastThreeDigits(dcsCode);
        return sameMessage.stream().filter(e -> lastThreeDigits(e.code()).equals(suffix)).findFirst()
                .or(() -> sameMessage.size() == 1 ? Optional.of(sameMessage.get(0)) : Optional.empty());
    }

    /** DCS v2: {@code {"error_code":"DCS.4049","error_msg":"...","error_ext_msg":null}}. */
    public static String errorBody(String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error_code", code);
        body.put("error_msg", message);
        body.putNull("error_ext_msg"); // documented as unused and null; the SDK ignores it
        return write(body);
    }

    public static String errorBody(DcsError error) {
        return errorBody(error.code(), error.message());
    }

    /** DCS v1.0: {@code {"error":{"code":"111400019","message":"..."}}}; the SDKs find code and message nested. */
    public static String v1ErrorBody(String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return write(body);
    }

    public static String v1ErrorBody(DcsError error) {
        return v1ErrorBody(error.code(), error.message());
    }

    /** The API gateway's own errors (authentication, unknown API): {@code request_id} is in the body too. */
    public static String gatewayErrorBody(String code, String message, String requestId) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error_msg", message);
        body.put("error_code", code);
        body.put("request_id", requestId);
        return write(body);
    }

    static Map<String, DcsError> parse(String table) {
        var rows = new LinkedHashMap<String, DcsError>();
        List<String> lines = table.lines().toList();
        if (lines.isEmpty() || !lines.get(0).equals("http_status\terror_code\tmessage")) {
            throw new IllegalStateException(
                    RESOURCE + ": the first line must be the header http_status, error_code, message");
        }
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            DcsError row = parseRow(lines.get(i), i + 1);
            if (rows.putIfAbsent(row.code(), row) != null) {
                throw new IllegalStateException(RESOURCE + " line " + (i + 1) + ": duplicate code " + row.code());
            }
        }
        return rows;
    }

    private static DcsError parseRow(String line, int lineNumber) {
        String[] cells = line.split("\t", -1);
        if (cells.length != 3 || !cells[0].matches("[1-5][0-9][0-9]") || cells[1].isBlank()) {
            throw new IllegalStateException(RESOURCE + " line " + lineNumber
                    + ": expected <http status>\\t<code>\\t<message>, got: " + line);
        }
        return new DcsError(Integer.parseInt(cells[0]), cells[1], cells[2]);
    }

    private static String lastThreeDigits(String code) {
        return code.substring(Math.max(0, code.length() - 3));
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an error body", e);
        }
    }
}
