package dev.rekey.api.aliyun;

import dev.rekey.api.FormCodec;
import dev.rekey.api.RawRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The decoded parameter pairs of a request: query string first, then a form-urlencoded body. */
final class WireParams {
    private WireParams() {
    }

    static List<Map.Entry<String, String>> of(RawRequest request) {
        var pairs = new ArrayList<>(FormCodec.decodePairs(request.rawQuery()));
        if (hasFormBody(request)) pairs.addAll(FormCodec.decodePairs(request.bodyText()));
        return pairs;
    }

    /** The first value of {@code name}, or null. */
    static String first(List<Map.Entry<String, String>> pairs, String name) {
        for (var pair : pairs) {
            if (pair.getKey().equals(name)) return pair.getValue();
        }
        return null;
    }

    private static boolean hasFormBody(RawRequest request) {
        String type = request.header("content-type");
        return request.body().length > 0 && type != null
                && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }
}
