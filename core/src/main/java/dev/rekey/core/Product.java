package dev.rekey.core;

/** A cloud product whose API Rekey serves; the configuration names it in kebab case. */
public enum Product {
    TENCENT_REDIS("tencent-redis"),
    TENCENT_CVM("tencent-cvm"),
    ALIYUN_REDIS("aliyun-redis"),
    HUAWEI_DCS("huawei-dcs");

    private final String key;

    Product(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Product fromKey(String key) {
        for (Product p : values()) {
            if (p.key.equals(key)) return p;
        }
        throw new IllegalArgumentException("unknown product '" + key + "' (expected one of tencent-redis, tencent-cvm, aliyun-redis, huawei-dcs)");
    }
}
