package dev.rekey.api;

import java.util.List;
import java.util.Map;

/**
 * A request as received ({@link RawRequest}) whose query string and body are decoded at most once: the classifier,
 * the signature check and the parameter reader of its cloud all read the same pairs. Decoding is lazy, so a malformed
 * %-escape is reported by the first stage that needs the pairs, in its own cloud's terms, and nothing is decoded
 * that no stage reads (a TC3 call's query, say). One request is served by one thread; this is not thread-safe.
 */
public final class WireRequest {
    private final RawRequest raw;
    private List<Map.Entry<String, String>> formQuery;
    private List<Map.Entry<String, String>> formBody;
    private List<Map.Entry<String, String>> uriQuery;

    private WireRequest(RawRequest raw) {
        this.raw = raw;
    }

    public static WireRequest of(RawRequest raw) {
        return new WireRequest(raw);
    }

    public RawRequest raw() {
        return raw;
    }

    public String method() {
        return raw.method();
    }

    public String path() {
        return raw.path();
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        return raw.header(name);
    }

    public byte[] body() {
        return raw.body();
    }

    /** The query string as form pairs ('+' is a space), in order; {@link MalformedEncoding} on a broken %-escape. */
    public List<Map.Entry<String, String>> formQuery() {
        if (formQuery == null) formQuery = decode(raw.rawQuery(), "query string");
        return formQuery;
    }

    /** The body as form pairs, whatever its Content-Type: which requests carry a form is each cloud's own rule. */
    public List<Map.Entry<String, String>> formBody() {
        if (formBody == null) formBody = decode(raw.bodyText(), "form body");
        return formBody;
    }

    /**
     * The query string decoded as Huawei's signers read it (RFC 3986): a '+' stays a '+' and a '%' that starts no
     * escape is kept, so it never fails.
     */
    public List<Map.Entry<String, String>> uriQuery() {
        if (uriQuery == null) uriQuery = UriEncoding.decodePairs(raw.rawQuery());
        return uriQuery;
    }

    private static List<Map.Entry<String, String>> decode(String text, String where) {
        try {
            return List.copyOf(FormCodec.decodePairs(text));
        } catch (IllegalArgumentException e) {
            // the decoder's own message quotes the input, which may hold a password
            throw new MalformedEncoding(where);
        }
    }

    /** A %-escape that is not followed by two hex digits; the message says where, never what. */
    public static final class MalformedEncoding extends IllegalArgumentException {
        MalformedEncoding(String where) {
            super("the " + where + " has a malformed %-escape; expected URL encoding");
        }
    }
}
