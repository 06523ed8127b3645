package dev.rekey.api.aliyun;

import dev.rekey.core.AliyunPasswordPolicies;
import dev.rekey.core.AttributeChange;
import dev.rekey.core.AttributeChanges;
import dev.rekey.core.Outcome;
import dev.rekey.core.Product;
import dev.rekey.core.Secret;

import java.util.Map;

/**
 * ModifyInstanceAttribute as seed 001 specifies it. The dialect checks the shape (at least one attribute, the name
 * rule, a Boolean); the core checks the rest and changes nothing unless everything passes. The call answers once the
 * change is accepted: a new password shows as {@code Changing} until the engine has verified it.
 */
final class InstanceAttributeAction {
    static final String ACTION = "ModifyInstanceAttribute";
    private final AttributeChanges attributes;

    InstanceAttributeAction(AttributeChanges attributes) {
        this.attributes = attributes;
    }

    Map<String, Object> modify(AliyunRequest r) {
        CallParams p = r.params();
        String id = p.required("InstanceId");
        String name = p.optional("InstanceName");
        String password = p.optional("NewPassword");
        if (name == null && password == null && p.optional("InstanceReleaseProtection") == null) {
            throw new AliyunError(400, "MissingParameter", "InstanceName, NewPassword or InstanceReleaseProtection"
                    + " at least one is mandatory for this action.");
        }
        if (name != null) {
            InstanceNameRule.violation(name).ifPresent(why -> {
                throw new AliyunError(400, "InvalidInstanceName.Malformed",
                        "The Specified parameter InstanceName is not valid: " + why);
            });
        }
        Boolean protection = p.optionalBoolean("InstanceReleaseProtection");
        var change = new AttributeChange(r.tenant(), r.actor(), Product.ALIYUN_REDIS, null, id, name, protection,
                password == null ? null : Secret.of(password), AliyunPasswordPolicies.MODIFY_INSTANCE_ATTRIBUTE,
                ACTION, r.requestId());
        return switch (attributes.modify(change)) {
            case Outcome.Ok<AttributeChanges.Applied> ok -> Map.of();
            case Outcome.Fail<AttributeChanges.Applied> fail -> throw AliyunRedisErrors.of(ACTION, fail.failure());
        };
    }
}
