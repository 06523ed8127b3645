package dev.rekey.core;

/**
 * A request to change an instance's display attributes and, optionally, its password in one call (Aliyun's
 * ModifyInstanceAttribute). A null field is left as it is; {@code newPassword} is checked against {@code policy}.
 */
public record AttributeChange(String tenant, String actor, Product product, String region, String instanceId,
                              String newName, Boolean releaseProtection, Secret newPassword, PasswordPolicy policy,
                              String action, String requestId) {
}
