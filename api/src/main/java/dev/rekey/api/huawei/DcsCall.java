package dev.rekey.api.huawei;

import dev.rekey.api.RawRequest;
import dev.rekey.core.Credential;

/** One authenticated DCS request: whose key signed it, what it asks for, and the id every answer carries. */
record DcsCall(Credential credential, DcsRoute route, RawRequest raw, String requestId) {

    String tenant() {
        return credential.tenant();
    }

    /** The access key id: who acted, for the audit log. */
    String actor() {
        return credential.keyId();
    }
}
