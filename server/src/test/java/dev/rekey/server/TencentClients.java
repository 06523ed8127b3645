package dev.rekey.server;

import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.redis.v20180412.RedisClient;

/** Official Tencent Cloud SDK clients pointed at a test Rekey. */
final class TencentClients {
    private TencentClients() {
    }

    static ClientProfile profile(TestRekey rekey, String signMethod, String httpMethod) {
        return profile(rekey.endpoint(), signMethod, httpMethod);
    }

    /** {@code endpoint}: host:port of any running Rekey (a relay in front of one, or a `rekey serve` process). */
    static ClientProfile profile(String endpoint, String signMethod, String httpMethod) {
        var http = new HttpProfile();
        http.setEndpoint(endpoint);
        http.setProtocol("http://");
        http.setReqMethod(httpMethod);
        var profile = new ClientProfile();
        profile.setSignMethod(signMethod);
        profile.setHttpProfile(http);
        return profile;
    }

    static RedisClient redis(TestRekey rekey, String secretId, String secretKey, String region, String signMethod, String httpMethod) {
        return new RedisClient(new Credential(secretId, secretKey), region, profile(rekey, signMethod, httpMethod));
    }

    static RedisClient redis(String endpoint, String secretId, String secretKey, String region) {
        return new RedisClient(new Credential(secretId, secretKey), region, profile(endpoint, "TC3-HMAC-SHA256", "POST"));
    }
}
