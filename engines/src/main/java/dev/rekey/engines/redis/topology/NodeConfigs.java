package dev.rekey.engines.redis.topology;

import dev.rekey.core.Secret;
import dev.rekey.engines.redis.deployment.Endpoint;
import java.util.ArrayList;
import java.util.List;

/**
 * The config files of a topology's nodes. Users live in users.acl (data nodes) or sentinel.conf (Sentinels) as
 * SHA-256 hashes only; the one plain-text copy of the account's password is a replica's {@code masterauth} and a
 * Sentinel's {@code auth-pass}, because Redis must send it so to log in (files 0600 in 0700 folders).
 */
final class NodeConfigs {

    /**
     * What the admin user may do on a data node: exactly what a deployment change needs. ACL GETUSER/SETUSER to read
     * and change the account, ACL SAVE to persist it, ACL LOG and CLIENT LIST for old-password telemetry, CONFIG
     * GET/SET masteruser/masterauth and CONFIG REWRITE to persist masterauth, INFO for roles and links, PING. Redis
     * cannot narrow CONFIG SET to one parameter, so CONFIG SET is the widest right here.
     */
    static final String DATA_ADMIN_RULES = "-@all +acl|setuser +acl|getuser +acl|save +acl|log +config|get"
            + " +config|set +config|rewrite +info +ping +client|list";
    /** A cluster node's admin also reads the membership (CLUSTER NODES) and the cluster's health (CLUSTER INFO). */
    static final String CLUSTER_ADMIN_RULES = DATA_ADMIN_RULES + " +cluster|nodes +cluster|info";
    /** A Sentinel's admin: set auth-pass (SENTINEL SET saves sentinel.conf itself), read what it sees, PING. */
    static final String SENTINEL_ADMIN_RULES = "-@all +ping +sentinel|set +sentinel|master +sentinel|replicas";
    /**
     * A Sentinel's default user, for clients and for the other Sentinels (which log in as nobody): discovery queries,
     * hello messages and the failover vote, but no SENTINEL SET, FAILOVER, MONITOR, REMOVE, RESET or CONFIG.
     */
    static final String SENTINEL_CLIENT_RULES = "&* -@all +ping +auth +hello +info +role +client|setname"
            + " +client|getname +publish +subscribe +psubscribe +unsubscribe +punsubscribe"
            + " +sentinel|is-master-down-by-addr +sentinel|get-master-addr-by-name +sentinel|master +sentinel|masters"
            + " +sentinel|replicas +sentinel|slaves +sentinel|sentinels +sentinel|myid +sentinel|ckquorum";

    static final int SENTINEL_DOWN_AFTER_MILLIS = 2000;
    static final int SENTINEL_FAILOVER_TIMEOUT_MILLIS = 10000;
    static final int CLUSTER_NODE_TIMEOUT_MILLIS = 5000;

    private NodeConfigs() {
    }

    /** A data node; {@code replicaOf} null for a primary; {@code clusterPort} 0 outside a cluster. */
    static String dataNode(NodeFolder folder, int port, Accounts accounts, Secret password, Endpoint replicaOf,
                           int clusterPort) {
        List<String> lines = new ArrayList<>(List.of(
                "# Written by Rekey for a node of a topology it owns. Users live in users.acl, as hashes only.",
                "port " + port,
                "bind 127.0.0.1",
                "daemonize no",
                "dir " + quoted(folder.root().toString()),
                "pidfile " + quoted(folder.pidFile().toString()),
                "logfile " + quoted(folder.log().toString()),
                "save \"\"",
                "appendonly no",
                "aclfile " + quoted(folder.users().toString()),
                "repl-diskless-sync yes",
                "repl-diskless-sync-delay 0"));
        // every node carries the replication login, since a failover can make any node a replica
        if (!accounts.account().equals("default")) lines.add("masteruser " + accounts.account());
        lines.add("masterauth " + quoted(password.reveal()));
        if (replicaOf != null) lines.add("replicaof " + replicaOf.host() + " " + replicaOf.port());
        if (clusterPort != 0) {
            lines.addAll(List.of("cluster-enabled yes",
                    "cluster-config-file " + quoted(folder.root().resolve("nodes.conf").toString()),
                    "cluster-port " + clusterPort,
                    "cluster-node-timeout " + CLUSTER_NODE_TIMEOUT_MILLIS));
        }
        lines.add("");
        return String.join("\n", lines);
    }

    static String users(Accounts accounts, Secret password, boolean cluster) {
        List<String> lines = new ArrayList<>();
        lines.add("user " + accounts.account() + " on #" + password.sha256Hex() + " ~* &* +@all");
        // an aclfile without a default user would leave Redis's built-in password-free default in place
        if (!accounts.account().equals("default")) lines.add("user default off -@all");
        lines.add("user " + accounts.adminUser() + " on #" + accounts.adminPassword().sha256Hex() + " "
                + (cluster ? CLUSTER_ADMIN_RULES : DATA_ADMIN_RULES));
        lines.add("");
        return String.join("\n", lines);
    }

    static String sentinel(NodeFolder folder, int port, Accounts accounts, Secret password, Endpoint primary,
                           String masterName, int quorum) {
        List<String> lines = new ArrayList<>(List.of(
                "# Written by Rekey for a Sentinel it owns; the Sentinel rewrites this file as its state changes.",
                "port " + port,
                "bind 127.0.0.1",
                "daemonize no",
                "dir " + quoted(folder.root().toString()),
                "pidfile " + quoted(folder.pidFile().toString()),
                "logfile " + quoted(folder.log().toString()),
                "sentinel monitor " + masterName + " " + primary.host() + " " + primary.port() + " " + quorum,
                "sentinel down-after-milliseconds " + masterName + " " + SENTINEL_DOWN_AFTER_MILLIS,
                "sentinel failover-timeout " + masterName + " " + SENTINEL_FAILOVER_TIMEOUT_MILLIS,
                "sentinel auth-pass " + masterName + " " + quoted(password.reveal())));
        if (!accounts.account().equals("default")) {
            lines.add("sentinel auth-user " + masterName + " " + accounts.account());
        }
        lines.add("user default on nopass " + SENTINEL_CLIENT_RULES);
        lines.add("user " + accounts.adminUser() + " on #" + accounts.adminPassword().sha256Hex() + " "
                + SENTINEL_ADMIN_RULES);
        lines.add("");
        return String.join("\n", lines);
    }

    /** A double-quoted config argument, as redis.conf reads it (backslash escapes, \xHH for anything unprintable). */
    static String quoted(String value) {
        StringBuilder text = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') text.append('\\').append(c);
            else if (c < 0x20 || c == 0x7f) text.append(String.format("\\x%02x", (int) c));
            else text.append(c);
        }
        return text.append('"').toString();
    }
}
