package dev.rekey.api.aliyun;

import dev.rekey.core.Credential;

/** An authenticated call on its way to an action: who (tenant, access key), which action, its parameters. */
record AliyunRequest(Credential credential, String action, String regionId, CallParams params, String requestId) {

    String tenant() {
        return credential.tenant();
    }

    /** The access key id, recorded as the actor in the audit log. */
    String actor() {
        return credential.keyId();
    }
}
