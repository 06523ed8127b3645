package dev.rekey.engines.redis.deployment;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** The data nodes and Sentinels a change must reach, as found when it started. */
record Members(List<Endpoint> nodes, List<SentinelEndpoint> sentinels) {

    Members {
        nodes = List.copyOf(nodes);
        sentinels = List.copyOf(sentinels);
    }

    /**
     * Whether {@code node}, as a node or a Sentinel reports it (usually an IP address), is one of the nodes, which
     * the configuration may name by host name.
     */
    boolean contains(Endpoint node) {
        if (nodes.contains(node)) return true;
        for (Endpoint member : nodes) {
            if (member.port() == node.port() && sameHost(member.host(), node.host())) return true;
        }
        return false;
    }

    private static boolean sameHost(String a, String b) {
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
