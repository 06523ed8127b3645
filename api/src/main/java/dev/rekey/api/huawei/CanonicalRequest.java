package dev.rekey.api.huawei;

import dev.rekey.api.UriEncoding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Builds the canonical request of SDK-HMAC-SHA256 (protocol notes §2.1). The signer and the verifier share it so
 * that both sides always agree; the golden captures pin it to what the official SDKs compute.
 */
final class CanonicalRequest {
    private CanonicalRequest() {
    }

    /** One signed header: its name as listed in SignedHeaders and its value as sent. */
    record Header(String name, String value) {
    }

    static String text(String method, String path, String canonicalQuery, List<Header> headers, String payloadHash) {
        var out = new StringBuilder(512);
        out.append(method).append('\n').append(uri(path)).append('\n').append(canonicalQuery).append('\n');
        for (Header h : headers) out.append(h.name()).append(':').append(h.value()).append('\n');
        out.append('\n').append(signedHeaders(headers)).append('\n').append(payloadHash);
        return out.toString();
    }

    static String signedHeaders(List<Header> headers) {
        return String.join(";", headers.stream().map(Header::name).toList());
    }

    /**
     * Every segment decoded and re-encoded, each followed by "/": the canonical URI always ends in a slash even
     * though the wire path never does. Trailing empty segments vanish, so "/" and "" both become "/".
     */
    static String uri(String path) {
        String[] segments = path == null ? new String[0] : path.split("/");
        if (segments.length == 0) return "/";
        var out = new StringBuilder(path.length() + 1);
        for (String segment : segments) out.append(UriEncoding.encode(UriEncoding.decode(segment))).append('/');
        return out.toString();
    }

    /**
     * Keys and values decoded and re-encoded, sorted by key. Values of a repeated key stay in wire order (what the
     * Java SDK signs) unless {@code sortRepeatedValues} (what the Node SDK signs).
     */
    static String query(String rawQuery, boolean sortRepeatedValues) {
        return decodedQuery(UriEncoding.decodePairs(rawQuery), sortRepeatedValues);
    }

    /** The same, from the query's pairs already decoded (as {@link dev.rekey.api.WireRequest#uriQuery()} has them). */
    static String decodedQuery(List<Map.Entry<String, String>> decoded, boolean sortRepeatedValues) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (Map.Entry<String, String> pair : decoded) {
            pairs.add(Map.entry(UriEncoding.encode(pair.getKey()), UriEncoding.encode(pair.getValue())));
        }
        Comparator<Map.Entry<String, String>> order = Map.Entry.comparingByKey();
        pairs.sort(sortRepeatedValues ? order.thenComparing(Map.Entry.comparingByValue()) : order); // stable sort
        return String.join("&", pairs.stream().map(p -> p.getKey() + "=" + p.getValue()).toList());
    }
}
