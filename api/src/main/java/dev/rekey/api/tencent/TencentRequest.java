package dev.rekey.api.tencent;

import dev.rekey.api.WireRequest;

/**
 * A Tencent request as the pipeline carries it: the request as received and the RequestId of its answer. Its call
 * (envelope and parameters) is decoded on first use, once: after the signature is checked, so that the body of an
 * unauthenticated request is never parsed.
 */
public final class TencentRequest {
    private final WireRequest wire;
    private final String requestId;
    private TencentCall call;

    TencentRequest(WireRequest wire, String requestId) {
        this.wire = wire;
        this.requestId = requestId;
    }

    WireRequest wire() {
        return wire;
    }

    String requestId() {
        return requestId;
    }

    /** @throws dev.rekey.api.Refusal when the envelope or the body cannot be read */
    TencentCall call() {
        if (call == null) call = TencentParser.call(wire);
        return call;
    }

    /** The call if it has been decoded already, else null: for what may be read without decoding anything. */
    TencentCall decoded() {
        return call;
    }
}
