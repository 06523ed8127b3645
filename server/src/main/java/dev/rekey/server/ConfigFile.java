package dev.rekey.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.rekey.core.Secret;

import java.time.Duration;
import java.util.List;

/**
 * The configuration file as written, one record per section, bound by Jackson ({@link ConfigBinding}): a component is
 * the key of the same name in kebab case, and any other key is refused. Defaults are filled in here; the rules that
 * span keys are {@link ConfigLoader}'s. The instance and engine blocks are {@link RekeyConfig}'s own records.
 */
record ConfigFile(Server server, Store store, Engines engines, List<Tenant> tenants,
                  List<RekeyConfig.InstanceConfig> instances, LimitsSection limits) {

    ConfigFile {
        server = server == null ? new Server(null, null, null, null, null, null, null) : server;
        store = store == null ? new Store(null, null, null, null) : store;
        engines = engines == null ? new Engines(null) : engines;
        tenants = tenants == null ? List.of() : tenants;
        instances = instances == null ? List.of() : instances;
        limits = limits == null ? new LimitsSection(null, null, null, null) : limits;
    }

    static ConfigFile empty() {
        return new ConfigFile(null, null, null, null, null, null);
    }

    /**
     * {@code server:}; {@code data} and {@code admin-token-file} are resolved against the file's folder. No
     * {@code admin-port} means no admin API; {@code admin-bind} is 127.0.0.1 unless given.
     */
    record Server(Integer port, String data, String bind, LogFormat log, Integer adminPort, String adminBind,
                  String adminTokenFile) {
        Server {
            adminBind = adminBind == null ? "127.0.0.1" : adminBind;
            port = port == null ? 8080 : port;
            data = data == null ? "./data" : data;
            bind = bind == null ? "127.0.0.1" : bind;
            log = log == null ? LogFormat.TEXT : log;
        }
    }

    /** {@code store:}; no url means an H2 file in the data folder. */
    record Store(String url, String keyFile, Integer taskLeaseSeconds, Integer poolSize) {
        Store {
            taskLeaseSeconds = taskLeaseSeconds == null ? 30 : taskLeaseSeconds;
            poolSize = poolSize == null ? 16 : poolSize;
        }
    }

    /** {@code engines:}: what holds for every engine call. */
    record Engines(Duration timeout) {
        Engines {
            timeout = timeout == null ? Duration.ofSeconds(2) : timeout;
        }
    }

    /** One entry of {@code tenants:}: a name and at most one key pair per cloud. */
    record Tenant(String name, TencentKey tencent, AliyunKey aliyun, HuaweiKey huawei) {
    }

    record TencentKey(String secretId, Secret secretKey) {
    }

    record AliyunKey(String accessKeyId, Secret accessKeySecret) {
    }

    record HuaweiKey(String ak, Secret sk, String projectId) {
    }

    /**
     * {@code limits:}, per product the names its API reads (requests per second of an action unless said otherwise):
     * the {@code RateLimit} names of the route tables ({@code TencentRedisRoute}, {@code TencentCvmRoute},
     * {@code AliyunRedisRoute}, {@code DcsRoute}) and the DCS lock time. A name is listed here when the API reads it:
     * a misspelt one is refused, never silently ignored.
     */
    record LimitsSection(TencentRedisLimits tencentRedis, TencentCvmLimits tencentCvm, AliyunRedisLimits aliyunRedis,
                         HuaweiDcsLimits huaweiDcs) {
    }

    /** Per tenant and region; see TencentRedisRoute. */
    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    record TencentRedisLimits(Integer modifyInstancePassword, Integer resetPassword) {
    }

    /** Per tenant; the documented rates of TencentCvmRoute's actions. */
    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    record TencentCvmLimits(Integer resetInstancesPassword, Integer stopInstances, Integer startInstances,
                            Integer describeInstances, Integer describeInstancesStatus) {
    }

    /** Per tenant, all actions together; see AliyunRedisRoute. */
    record AliyunRedisLimits(Integer requestsPerSecond) {
    }

    /** Per tenant and API (see DcsRoute), and the lockout's length in minutes (see DcsLockout). */
    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    record HuaweiDcsLimits(@JsonProperty("lock-minutes") Integer lockMinutes, Integer updatePassword,
                           Integer resetPassword, Integer showInstance, Integer listInstances) {
    }
}
