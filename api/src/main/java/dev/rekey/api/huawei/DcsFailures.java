package dev.rekey.api.huawei;

import dev.rekey.api.Refusal;
import dev.rekey.core.Failure;

/** The DCS answer to every core failure; exhaustive, so a new core code fails the build here until it has one. */
final class DcsFailures {
    private DcsFailures() {
    }

    static Refusal of(Failure f) {
        return switch (f.code()) {
            case INSTANCE_NOT_FOUND -> HuaweiRefusals.dcs("DCS.3022", f.message(), f);
            case PASSWORD_RULE -> HuaweiRefusals.dcs("DCS.4019", f.message(), f);
            case WRONG_OLD_PASSWORD, INSTANCE_LOCKED -> HuaweiRefusals.dcs("DCS.4080", f.message(), f);
            case INSTANCE_BUSY -> HuaweiRefusals.dcs("DCS.4115", f.message(), f);
            case ENGINE_UNAVAILABLE -> HuaweiRefusals.dcs("DCS.4049", f.message(), f);
            case RATE_LIMITED -> HuaweiRefusals.throttled(f.message(), f);
            case OPERATION_NOT_ALLOWED -> HuaweiRefusals.dcs("DCS.4026", f.message(), f);
            case UNSUPPORTED_VALUE -> HuaweiRefusals.dcs("DCS.4800", f.message(), f);
            case INTERNAL -> HuaweiRefusals.dcs("DCS.5000", f.message(), f);
        };
    }
}
