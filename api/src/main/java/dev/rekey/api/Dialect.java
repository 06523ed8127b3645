package dev.rekey.api;

/** One cloud's wire: authenticates, reads the call, runs it and renders the answer exactly as that cloud does. */
public interface Dialect {
    HttpAnswer handle(RawRequest request);

    /**
     * The answer to a request whose body exceeds what the server reads ({@code headersOnly} has no body). Clouds that
     * document a size error render it; the others get a plain 413 that says the limit.
     */
    default HttpAnswer tooLarge(RawRequest headersOnly, long limitBytes) {
        return HttpAnswer.tooLarge(limitBytes);
    }
}
