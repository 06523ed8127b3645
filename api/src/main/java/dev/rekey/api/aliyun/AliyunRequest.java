package dev.rekey.api.aliyun;

import dev.rekey.api.Refusal;
import dev.rekey.api.WireRequest;

/**
 * An Aliyun request as the pipeline carries it: the request as received, the RequestId of its answer, and its call,
 * decoded once on first use (a malformed %-escape is refused then, in JSON, since no Format could be read).
 */
public final class AliyunRequest {
    private final WireRequest wire;
    private final String requestId;
    private AliyunCall call;

    AliyunRequest(WireRequest wire, String requestId) {
        this.wire = wire;
        this.requestId = requestId;
    }

    WireRequest wire() {
        return wire;
    }

    String requestId() {
        return requestId;
    }

    /** @throws Refusal 400 InvalidParameter on a malformed %-escape */
    AliyunCall call() {
        if (call == null) {
            try {
                call = AliyunParser.read(wire);
            } catch (IllegalArgumentException e) {
                throw new Refusal(400, "InvalidParameter", "The query string or form body has a malformed"
                        + " percent-encoding (a % not followed by two hex digits).");
            }
        }
        return call;
    }

    /** The call if it has been decoded already, else null. */
    AliyunCall decoded() {
        return call;
    }

    /** JSON or XML, as the call asked; JSON until (or unless) the call could be read. */
    String format() {
        return call == null ? "JSON" : call.format();
    }
}
