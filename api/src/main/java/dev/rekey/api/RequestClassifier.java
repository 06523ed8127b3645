package dev.rekey.api;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides once which cloud a request speaks, in an order every dialect shares: Huawei's paths, then the Authorization
 * schemes, then the parameters that only one cloud's signatures carry.
 */
public final class RequestClassifier {

    /** Clouds as the gateway routes them. */
    public enum Route { HUAWEI, TENCENT, ALIYUN }

    private RequestClassifier() {
    }

    public static Optional<Route> classify(RawRequest r) {
        String path = r.path() == null ? "/" : r.path();
        if (path.startsWith("/v2/") || path.startsWith("/v1.0/")) return Optional.of(Route.HUAWEI);
        String auth = r.header("authorization");
        if (auth != null) {
            if (auth.startsWith("TC3-HMAC-SHA256 ")) return Optional.of(Route.TENCENT);
            if (auth.startsWith("ACS3-HMAC-SHA256 ")) return Optional.of(Route.ALIYUN);
        }
        Map<String, String> names = parameterNames(r);
        if (names.containsKey("secretid") || r.header("x-tc-action") != null) return Optional.of(Route.TENCENT);
        if (names.containsKey("accesskeyid") || names.containsKey("signaturenonce") || r.header("x-acs-action") != null) {
            return Optional.of(Route.ALIYUN);
        }
        return Optional.empty();
    }

    /** Lower-cased names of the query parameters and, for a form POST, the body parameters. */
    private static Map<String, String> parameterNames(RawRequest r) {
        var names = new java.util.HashMap<String, String>();
        FormCodec.decodePairs(r.rawQuery()).forEach(e -> names.put(e.getKey().toLowerCase(Locale.ROOT), e.getKey()));
        String type = r.header("content-type");
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            FormCodec.decodePairs(r.bodyText()).forEach(e -> names.put(e.getKey().toLowerCase(Locale.ROOT), e.getKey()));
        }
        return names;
    }
}
