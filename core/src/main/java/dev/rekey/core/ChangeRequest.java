package dev.rekey.core;

/**
 * A request to change an instance's password, as a dialect read it. {@code oldPassword} null means the API does not
 * ask for it (a reset); {@code newPassword} null means switch to password-free access.
 */
public record ChangeRequest(String tenant, String actor, Product product, String region, String instanceId,
                            Secret oldPassword, Secret newPassword, PasswordPolicy policy, String action,
                            String requestId) {
}
