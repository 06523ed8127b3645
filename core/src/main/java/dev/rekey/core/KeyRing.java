package dev.rekey.core;

import java.util.Optional;

/** Port: finds the tenant credential behind an access key id. */
public interface KeyRing {
    Optional<Credential> find(Cloud cloud, String keyId);
}
