package dev.rekey.api.huawei;

import dev.rekey.api.Access;
import dev.rekey.api.HttpAnswer;

import java.util.Map;

/**
 * A DCS error answer on its way out: a code of the public table (its status and documented text) and a detail that
 * says what exactly was wrong. Rendered in the v2 shape, or in the v1.0 shape with the table's numeric equivalent
 * (a code without one keeps its DCS name); the API gateway's codes in the gateway's shape, whatever the version.
 */
final class DcsRefusal extends RuntimeException {
    static final HuaweiErrors TABLE = HuaweiErrors.load();

    private final DcsError error;
    private final String detail;
    private final String argument;

    DcsRefusal(String code, String detail) {
        this(code, "value", detail);
    }

    /** For the table's texts with a placeholder ("Invalid {0} parameter in the request."): {@code argument} fills it. */
    DcsRefusal(String code, String argument, String detail) {
        this(TABLE.require(code), argument, detail);
    }

    /** For the API gateway's own answers, which are not in the DCS table. */
    DcsRefusal(DcsError error, String detail) {
        this(error, "value", detail);
    }

    private DcsRefusal(DcsError error, String argument, String detail) {
        super(error.code() + (detail == null ? "" : ": " + detail), null, false, false);
        this.error = error;
        this.argument = argument;
        this.detail = detail;
    }

    DcsError error() {
        return error;
    }

    /** The answer, with {@code access} noting the code it shows. */
    HttpAnswer answer(boolean v1, String requestId, Access access) {
        if (error.code().startsWith("APIGW.")) {
            return HttpAnswer.json(error.status(), HuaweiErrors.gatewayErrorBody(error.code(), text(error), requestId),
                    Map.of("X-Request-Id", requestId)).with(access.failed(error.code()));
        }
        DcsError shown = v1 ? TABLE.v1Equivalent(error.code()).orElse(error) : error;
        String body = v1 ? HuaweiErrors.v1ErrorBody(shown.code(), text(shown)) : HuaweiErrors.errorBody(shown.code(), text(shown));
        return HttpAnswer.json(shown.status(), body, Map.of("X-Request-Id", requestId)).with(access.failed(shown.code()));
    }

    /** The documented text first (clients may match on it), then what was wrong with this request. */
    private String text(DcsError shown) {
        String documented = shown.message().replace("{0}", argument);
        return detail == null || detail.isEmpty() ? documented : documented + " " + detail;
    }
}
