package dev.rekey.api.tencent;

import dev.rekey.api.FormCodec;
import dev.rekey.api.RawRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Where a Tencent request keeps its {@code k=v} parameters: the query of a GET, the form body of a form POST. */
final class WireParams {
    private WireParams() {
    }

    static boolean isGet(RawRequest request) {
        return "GET".equals(request.method());
    }

    static boolean isPost(RawRequest request) {
        return "POST".equals(request.method());
    }

    static boolean hasFormBody(RawRequest request) {
        return isPost(request) && contentTypeStartsWith(request, "application/x-www-form-urlencoded");
    }

    static boolean contentTypeStartsWith(RawRequest request, String mediaType) {
        String contentType = request.header("content-type");
        return contentType != null && contentType.trim().toLowerCase(Locale.ROOT).startsWith(mediaType);
    }

    /**
     * The decoded pairs in arrival order (empty for a JSON POST). Throws {@link IllegalArgumentException} with a
     * message of our own on a broken %-escape: the decoder's message quotes the input, which may hold a password.
     */
    static List<Map.Entry<String, String>> pairs(RawRequest request) {
        String raw = isGet(request) ? request.rawQuery() : hasFormBody(request) ? request.bodyText() : null;
        try {
            return FormCodec.decodePairs(raw);
        } catch (IllegalArgumentException e) {
            String where = isGet(request) ? "query string" : "form body";
            throw new IllegalArgumentException("the " + where + " has a malformed %-escape; expected URL encoding");
        }
    }

    /** The first value of a parameter, or null. */
    static String first(List<Map.Entry<String, String>> pairs, String name) {
        for (Map.Entry<String, String> pair : pairs) {
            if (pair.getKey().equals(name)) return pair.getValue();
        }
        return null;
    }
}
