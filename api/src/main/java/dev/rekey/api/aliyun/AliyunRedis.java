package dev.rekey.api.aliyun;

import dev.rekey.core.AttributeChanges;
import dev.rekey.core.FailureException;
import dev.rekey.core.InstanceQueries;
import dev.rekey.core.Limits;
import dev.rekey.core.PasswordChanges;
import dev.rekey.core.Product;
import dev.rekey.core.RateLimiter;

import java.util.Map;

/**
 * ApsaraDB for Redis (R-kvstore), API version 2015-01-01: ModifyInstanceAttribute, the describe actions and the
 * default account's password actions, behind one per-tenant request budget ({@code limits: aliyun-redis:
 * requests-per-second}, default 100: the public docs give no figure for these actions).
 */
public final class AliyunRedis {
    public static final String VERSION = "2015-01-01";
    static final String LIMIT_KEY = "requests-per-second";
    static final int DEFAULT_PER_SECOND = 100;

    private final RateLimiter rateLimiter;
    private final Limits limits;
    private final InstanceAttributeAction attributes;
    private final AliyunRedisDescriber describer;
    private final AccountActions accounts;

    public AliyunRedis(PasswordChanges changes, AttributeChanges attributeChanges, InstanceQueries instances,
                       RateLimiter rateLimiter, Limits limits) {
        this.rateLimiter = rateLimiter;
        this.limits = limits;
        this.attributes = new InstanceAttributeAction(attributeChanges);
        this.describer = new AliyunRedisDescriber(instances);
        this.accounts = new AccountActions(changes, instances);
    }

    Map<String, Object> handle(AliyunRequest r) {
        try {
            rateLimiter.acquire("aliyun-redis/" + r.tenant(), limits.get(Product.ALIYUN_REDIS, LIMIT_KEY, DEFAULT_PER_SECOND));
            return switch (r.action()) {
                case InstanceAttributeAction.ACTION -> attributes.modify(r);
                case "DescribeInstanceAttribute" -> describer.describeInstanceAttribute(r);
                case "DescribeInstances" -> describer.describeInstances(r);
                case "DescribeAccounts" -> accounts.describeAccounts(r);
                case "ResetAccountPassword" -> accounts.resetAccountPassword(r);
                case "ModifyAccountPassword" -> accounts.modifyAccountPassword(r);
                default -> throw new AliyunError(404, "InvalidApi.NotFound", "Specified api is not found, please check"
                        + " your url and method. Rekey serves R-kvstore " + VERSION + " ModifyInstanceAttribute,"
                        + " DescribeInstanceAttribute, DescribeInstances, DescribeAccounts, ResetAccountPassword and"
                        + " ModifyAccountPassword, not " + Rejection.shown(r.action()) + ".");
            };
        } catch (FailureException e) {
            throw AliyunRedisErrors.of(r.action(), e.failure());
        }
    }
}
