package dev.rekey.api.tencent;

import java.util.Map;

/** One Tencent service version (e.g. redis 2018-04-12): runs an action and returns the fields of its Response. */
public interface TencentProduct {
    String version();

    /** @throws TencentError for every refusal, with the product's own code */
    Map<String, Object> handle(TencentRequest request);
}
