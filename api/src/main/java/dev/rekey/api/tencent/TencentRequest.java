package dev.rekey.api.tencent;

import dev.rekey.core.Credential;

/** An authenticated Tencent call: who, which action, its parameters, and the RequestId of the answer. */
public record TencentRequest(Credential credential, String action, String region, TencentParams params, String requestId) {

    public String tenant() {
        return credential.tenant();
    }

    /** The actor recorded in the audit log: the API key id, never the secret. */
    public String actor() {
        return credential.keyId();
    }
}
