package dev.rekey.api.huawei;

import dev.rekey.core.Failure;

/** The DCS answer to every core failure; exhaustive, so a new core code fails the build here until it has one. */
final class DcsErrors {
    /** The API gateway's throttling answer; DCS's own table has no code for it. */
    static final DcsError THROTTLED = new DcsError(429, "APIGW.0308", "The throttling threshold has been reached.");

    private DcsErrors() {
    }

    static DcsRefusal of(Failure f) {
        return switch (f.code()) {
            case INSTANCE_NOT_FOUND -> new DcsRefusal("DCS.3022", f.message());
            case PASSWORD_RULE -> new DcsRefusal("DCS.4019", f.message());
            case WRONG_OLD_PASSWORD, INSTANCE_LOCKED -> new DcsRefusal("DCS.4080", f.message());
            case INSTANCE_BUSY -> new DcsRefusal("DCS.4115", f.message());
            case ENGINE_UNAVAILABLE -> new DcsRefusal("DCS.4049", f.message());
            case RATE_LIMITED -> new DcsRefusal(THROTTLED, f.message());
            case OPERATION_NOT_ALLOWED -> new DcsRefusal("DCS.4026", f.message());
            case UNSUPPORTED_VALUE -> new DcsRefusal("DCS.4800", f.message());
            case INTERNAL -> new DcsRefusal("DCS.5000", f.message());
        };
    }
}
