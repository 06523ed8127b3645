package dev.rekey.server;

import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.redis.v20180412.RedisClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** A real Rekey on a free port with its own data folder, configured by a YAML text, for end-to-end tests. */
final class TestRekey implements AutoCloseable {
    final Path dir;
    final String yaml;
    private Rekey rekey;

    private TestRekey(Path dir, String yaml) {
        this.dir = dir;
        this.yaml = yaml;
    }

    static TestRekey start(Path dir, String yaml) throws IOException {
        var t = new TestRekey(dir, yaml);
        Files.writeString(dir.resolve("rekey.yaml"), yaml);
        t.startAgain();
        return t;
    }

    void startAgain() {
        RekeyConfig cfg = new ConfigLoader(System::getenv).load(dir.resolve("rekey.yaml")).withOverrides(0, null);
        rekey = Rekey.start(cfg, Clock.systemUTC(), null);
    }

    void stop() {
        if (rekey != null) rekey.close();
        rekey = null;
    }

    Rekey rekey() {
        return rekey;
    }

    int port() {
        return rekey.port();
    }

    String endpoint() {
        return "127.0.0.1:" + port();
    }

    RedisClient redis(String secretId, String secretKey, String region, String signMethod, String httpMethod) {
        var http = new HttpProfile();
        http.setEndpoint(endpoint());
        http.setProtocol("http://");
        http.setReqMethod(httpMethod);
        var profile = new ClientProfile();
        profile.setSignMethod(signMethod);
        profile.setHttpProfile(http);
        return new RedisClient(new Credential(secretId, secretKey), region, profile);
    }

    @Override
    public void close() {
        stop();
    }
}
