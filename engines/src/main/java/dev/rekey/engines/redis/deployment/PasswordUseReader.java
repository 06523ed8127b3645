package dev.rekey.engines.redis.deployment;

import dev.rekey.core.EngineException;
import dev.rekey.core.PasswordUse.NodeUse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Old-password telemetry from what Redis shows: CLIENT LIST (each connection's user and age) and ACL LOG (refused
 * logins, with user name and client address).
 *
 * <p>What Redis cannot tell: which of two accepted passwords a client logged in with. It records neither the
 * password nor its hash per connection, AUTH arguments are redacted in MONITOR and SLOWLOG, and INFO counts AUTH
 * calls only in total. So during a window a connection opened after the new password was added may use either
 * one; only a connection older than the change certainly logged in with an old password (a connection keeps its
 * login when its password is removed). Once the old password is removed, every client that still tries it shows up
 * as a refused login in ACL LOG, with its address.
 *
 * <p>One ACL user per password generation would tell them apart, but clients would then have to change their user
 * name at every rotation: that is a new credential, not a new password, and no cloud API that Rekey serves has a
 * user name to hand out, so it is not done.
 */
final class PasswordUseReader {

    private PasswordUseReader() {
    }

    /** Ages are compared with the time just after each reply, since Redis measured them when it answered. */
    static NodeUse read(NodeAdmin node, String account, Instant changedAt, Instant refusedSince, Clock clock)
            throws EngineException {
        int before = 0;
        int since = 0;
        String clientList = node.clientList();
        Duration sinceChange = Duration.between(changedAt, clock.instant());
        for (Map<String, String> client : clients(clientList)) {
            if (!account.equals(client.get("user")) || isReplicationLink(client)) continue;
            long age = parseLong(client.get("age"));
            // age is whole seconds: count a connection as older than the change only when that is certain
            if (age * 1000 > sinceChange.toMillis() + 999) before++;
            else since++;
        }
        long refused = 0;
        TreeSet<String> from = new TreeSet<>();
        Object log = node.aclLog();
        Duration sinceRefusals = Duration.between(refusedSince, clock.instant());
        if (log instanceof List<?> entries) {
            for (Object entry : entries) {
                Map<String, String> fields = SentinelAdmin.fields(entry);
                if (!"auth".equals(fields.get("reason")) || !account.equals(fields.get("username"))) continue;
                // an entry groups similar failures and its age is the latest one's, so older ones may be counted too
                if (parseDouble(fields.get("age-seconds")) * 1000 > sinceRefusals.toMillis()) continue;
                refused += parseLong(fields.get("count"));
                String address = clientField(fields.getOrDefault("client-info", ""), "addr");
                if (address != null) from.add(address.substring(0, Math.max(0, address.lastIndexOf(':'))));
            }
        }
        return new NodeUse(node.endpoint().toString(), before, since, refused, new ArrayList<>(from));
    }

    /** A replica's link to its primary (flag S on the primary, M on the replica) is no client. */
    private static boolean isReplicationLink(Map<String, String> client) {
        String flags = client.getOrDefault("flags", "");
        return flags.contains("S") || flags.contains("M");
    }

    private static List<Map<String, String>> clients(String clientList) {
        List<Map<String, String>> clients = new ArrayList<>();
        for (String line : clientList.split("\r?\n")) {
            if (line.isBlank()) continue;
            Map<String, String> fields = new HashMap<>();
            for (String pair : line.strip().split(" ")) {
                int equals = pair.indexOf('=');
                if (equals > 0) fields.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
            clients.add(fields);
        }
        return clients;
    }

    private static String clientField(String clientInfo, String name) {
        for (String pair : clientInfo.split(" ")) {
            if (pair.startsWith(name + "=")) return pair.substring(name.length() + 1);
        }
        return null;
    }

    private static long parseLong(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static double parseDouble(String value) {
        try {
            return value == null ? Double.MAX_VALUE : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return Double.MAX_VALUE;
        }
    }
}
