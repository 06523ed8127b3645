package dev.rekey.api.huawei;

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
 * The public DCS error-code table ({@code dcs-error-codes.tsv}: status, code, message). It lists v2 {@code DCS.xxxx}
 * codes and v1.0 numeric codes as separate rows without linking them. A v1.0 code is taken as the equivalent of a
 * DCS code when it carries the same message; where several share a message, the one whose last three digits match
 * (DCS.4019 and 111400019, DCS.3022 and 111404022).
 */
public final class DcsErrorTable {
    private static final String RESOURCE = "dcs-error-codes.tsv";
    /** The table shipped with this package, read once. */
    static final DcsErrorTable SHIPPED = load();

    private final Map<String, DcsCode> byCode;

    private DcsErrorTable(Map<String, DcsCode> byCode) {
        this.byCode = Collections.unmodifiableMap(byCode);
    }

    /** Reads the table shipped with this package; a malformed row fails here, naming its line. */
    public static DcsErrorTable load() {
        try (InputStream in = DcsErrorTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            return new DcsErrorTable(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** A DCS code or a v1.0 numeric code, as the table has it. */
    public Optional<DcsCode> find(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /** Like {@link #find}, for codes the caller knows to be in the table. */
    public DcsCode require(String code) {
        return find(code).orElseThrow(() -> new IllegalArgumentException(
                "error code " + code + " is not in " + RESOURCE));
    }

    /** The v1.0 numeric row equivalent to a {@code DCS.xxxx} code (see the class comment), if the table has one. */
    public Optional<DcsCode> v1Equivalent(String dcsCode) {
        DcsCode dcs = byCode.get(dcsCode);
        if (dcs == null || dcs.isV1Numeric()) return Optional.empty();
        List<DcsCode> sameMessage = byCode.values().stream()
                .filter(e -> e.isV1Numeric() && e.message().equals(dcs.message())).toList();
        String suffix = lastThreeDigits(dcsCode);
        return sameMessage.stream().filter(e -> lastThreeDigits(e.code()).equals(suffix)).findFirst()
                .or(() -> sameMessage.size() == 1 ? Optional.of(sameMessage.get(0)) : Optional.empty());
    }

    static Map<String, DcsCode> parse(String table) {
        var rows = new LinkedHashMap<String, DcsCode>();
        List<String> lines = table.lines().toList();
        if (lines.isEmpty() || !lines.get(0).equals("http_status\terror_code\tmessage")) {
            throw new IllegalStateException(
                    RESOURCE + ": the first line must be the header http_status, error_code, message");
        }
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            DcsCode row = parseRow(lines.get(i), i + 1);
            if (rows.putIfAbsent(row.code(), row) != null) {
                throw new IllegalStateException(RESOURCE + " line " + (i + 1) + ": duplicate code " + row.code());
            }
        }
        return rows;
    }

    private static DcsCode parseRow(String line, int lineNumber) {
        String[] cells = line.split("\t", -1);
        if (cells.length != 3 || !cells[0].matches("[1-5][0-9][0-9]") || cells[1].isBlank()) {
            throw new IllegalStateException(RESOURCE + " line " + lineNumber
                    + ": expected <http status>\\t<code>\\t<message>, got: " + line);
        }
        return new DcsCode(Integer.parseInt(cells[0]), cells[1], cells[2]);
    }

    private static String lastThreeDigits(String code) {
        return code.substring(Math.max(0, code.length() - 3));
    }
}
