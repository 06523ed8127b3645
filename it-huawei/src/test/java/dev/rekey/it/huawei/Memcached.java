package dev.rekey.it.huawei;

import dev.rekey.core.Secret;
import dev.rekey.engines.memcached.MemcachedTextClient;

import java.io.IOException;

/** A memcached client outside Rekey: does this login work, and can it then store and read a value? */
final class Memcached {
    private Memcached() {
    }

    static boolean accepts(String host, int port, String user, String password) throws IOException {
        try (var client = MemcachedTextClient.connect(host, port)) {
            if (!client.authenticate(user, Secret.of(password)).equals(MemcachedTextClient.STORED)) return false;
            return client.set("rekey-it", "v").equals(MemcachedTextClient.STORED)
                    && client.get("rekey-it").orElse("").equals("v");
        }
    }
}
