package dev.rekey.api;

/** One cloud's wire: authenticates, reads the call, runs it and renders the answer exactly as that cloud does. */
public interface Dialect {
    HttpAnswer handle(RawRequest request);
}
