package dev.rekey.api;

import dev.rekey.core.Cloud;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides once which cloud a request speaks, in an order every dialect shares: Huawei's paths, then the Authorization
 * schemes, then the parameters that only one cloud's signatures carry. The pairs it decodes for that are the ones the
 * cloud's stages read afterwards (see {@link WireRequest}).
 */
public final class RequestClassifier {

    private RequestClassifier() {
    }

    /** @throws WireRequest.MalformedEncoding when the names cannot be read */
    public static Optional<Cloud> classify(WireRequest r) {
        String path = r.path() == null ? "/" : r.path();
        if (path.startsWith("/v2/") || path.startsWith("/v1.0/")) return Optional.of(Cloud.HUAWEI);
        String auth = r.header("authorization");
        if (auth != null) {
            if (auth.startsWith("TC3-HMAC-SHA256 ")) return Optional.of(Cloud.TENCENT);
            if (auth.startsWith("ACS3-HMAC-SHA256 ")) return Optional.of(Cloud.ALIYUN);
        }
        Set<String> names = parameterNames(r);
        if (names.contains("secretid") || r.header("x-tc-action") != null) return Optional.of(Cloud.TENCENT);
        if (names.contains("accesskeyid") || names.contains("signaturenonce") || r.header("x-acs-action") != null) {
            return Optional.of(Cloud.ALIYUN);
        }
        return Optional.empty();
    }

    /** Lower-cased names of the query parameters and, for a form POST, the body parameters. */
    private static Set<String> parameterNames(WireRequest r) {
        var names = new HashSet<String>();
        r.formQuery().forEach(e -> names.add(lower(e)));
        String type = r.header("content-type");
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            r.formBody().forEach(e -> names.add(lower(e)));
        }
        return names;
    }

    private static String lower(Map.Entry<String, String> pair) {
        return pair.getKey().toLowerCase(Locale.ROOT);
    }
}
