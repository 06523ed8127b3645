package dev.rekey.core;

/**
 * An API key pair of a tenant for one cloud. {@code projectId} is Huawei's project bound to the key, null elsewhere.
 */
public record Credential(Cloud cloud, String tenant, String keyId, Secret secret, String projectId) {
}
