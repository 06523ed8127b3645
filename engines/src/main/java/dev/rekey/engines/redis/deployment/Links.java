package dev.rekey.engines.redis.deployment;

import dev.rekey.core.EngineException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether every replication link of a deployment is up: each replica's link to its primary (a node of the
 * deployment), each primary's replicas online (and none outside the deployment, whose link a change would break),
 * and each Sentinel's view of the primary and of the replicas. A Sentinel whose auth-pass was just set must have had
 * a PING answered since, which proves it logs in with the new password (SENTINEL SET drops its old links).
 */
final class Links {

    private static final Duration POLL = Duration.ofMillis(20);
    private static final Set<String> SENTINEL_TROUBLE = Set.of("s_down", "o_down", "disconnected");

    private Links() {
    }

    /**
     * Polls until no problem is left, or fails at {@code timeout} naming the last one. A node that does not answer
     * is a problem like any other, and is asked again: a Sentinel that reconfigures a node also drops its clients.
     */
    static void await(Members members, List<NodeAdmin> nodes, List<SentinelAdmin> sentinels,
                      Map<SentinelEndpoint, Long> authSetAtNanos, Duration timeout) throws EngineException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String problem;
            try {
                problem = firstProblem(members, nodes, sentinels, authSetAtNanos);
            } catch (EngineException e) {
                problem = e.getMessage();
            }
            if (problem == null) return;
            if (System.nanoTime() > deadline) {
                throw new EngineException("replication is not healthy within " + timeout.toMillis() + " ms: " + problem);
            }
            pause();
        }
    }

    static String firstProblem(Members members, List<NodeAdmin> nodes, List<SentinelAdmin> sentinels,
                               Map<SentinelEndpoint, Long> authSetAtNanos) throws EngineException {
        for (NodeAdmin node : nodes) {
            String problem = nodeProblem(members, node);
            if (problem != null) return problem;
        }
        for (SentinelAdmin sentinel : sentinels) {
            String problem = sentinelProblem(members, sentinel, authSetAtNanos.get(sentinel.sentinel()));
            if (problem != null) return problem;
        }
        return null;
    }

    private static String nodeProblem(Members members, NodeAdmin node) throws EngineException {
        Map<String, String> info = InfoFields.parse(node.info("replication"));
        if ("slave".equals(info.get("role"))) {
            Endpoint primary = endpoint(info.get("master_host"), info.get("master_port"));
            if (primary == null || !members.contains(primary)) {
                return "replica " + node.endpoint() + " replicates from " + primary + ", not a node of the deployment";
            }
            if (!"up".equals(info.get("master_link_status"))) {
                return "replica " + node.endpoint() + " has master_link_status:" + info.get("master_link_status");
            }
            return null;
        }
        for (Map.Entry<String, String> field : info.entrySet()) {
            if (!field.getKey().matches("slave\\d+")) continue;
            Map<String, String> replica = InfoFields.pairs(field.getValue());
            Endpoint address = endpoint(replica.get("ip"), replica.get("port"));
            if (address == null || !members.contains(address)) {
                return "primary " + node.endpoint() + " has replica " + address + ", which is not a node of the "
                        + "deployment: a change would break its link";
            }
            if (!"online".equals(replica.get("state"))) {
                return "replica " + address + " of " + node.endpoint() + " is " + replica.get("state");
            }
        }
        return null;
    }

    private static String sentinelProblem(Members members, SentinelAdmin sentinel, Long authSetAt)
            throws EngineException {
        Map<String, String> master = sentinel.master();
        Endpoint primary = endpoint(master.get("ip"), master.get("port"));
        if (primary == null || !members.contains(primary)) {
            return sentinel.sentinel() + " monitors " + primary + ", not a node of the deployment";
        }
        String problem = monitoredProblem(sentinel, "primary " + primary, master, authSetAt);
        if (problem != null) return problem;
        for (Map<String, String> replica : sentinel.replicas()) {
            Endpoint address = endpoint(replica.get("ip"), replica.get("port"));
            // a Sentinel never forgets a replica it once saw; only the deployment's nodes count
            if (address == null || !members.contains(address)) continue;
            problem = monitoredProblem(sentinel, "replica " + address, replica, authSetAt);
            if (problem != null) return problem;
        }
        return null;
    }

    private static String monitoredProblem(SentinelAdmin sentinel, String what, Map<String, String> fields,
                                           Long authSetAt) {
        for (String flag : fields.getOrDefault("flags", "").split(",")) {
            if (SENTINEL_TROUBLE.contains(flag)) return sentinel.sentinel() + " sees " + what + " as " + flag;
        }
        if (authSetAt == null) return null;
        long sinceSet = (System.nanoTime() - authSetAt) / 1_000_000;
        long sinceOkPing = parseLong(fields.get("last-ok-ping-reply"));
        if (sinceOkPing < 0 || sinceOkPing >= sinceSet) {
            return sentinel.sentinel() + " has had no PING answered by " + what + " since its auth-pass was set";
        }
        return null;
    }

    private static Endpoint endpoint(String host, String port) {
        try {
            return host == null || port == null ? null : new Endpoint(host, Integer.parseInt(port));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static long parseLong(String value) {
        try {
            return value == null ? -1 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void pause() throws EngineException {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while waiting for replication links");
        }
    }
}
