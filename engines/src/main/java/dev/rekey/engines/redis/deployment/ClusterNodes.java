package dev.rekey.engines.redis.deployment;

import dev.rekey.core.EngineException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The members in a CLUSTER NODES reply: one line per node, {@code <id> <ip:port@cport[,hostname]> <flags> ...}.
 * A node still in handshake or without an address is not a member yet; a failed node is one (it cannot take a
 * change, so the change fails until it is back or forgotten).
 */
final class ClusterNodes {

    private ClusterNodes() {
    }

    static List<Endpoint> parse(String reply, Endpoint askedNode) throws EngineException {
        List<Endpoint> nodes = new ArrayList<>();
        for (String line : reply.split("\r?\n")) {
            if (line.isBlank()) continue;
            String[] fields = line.strip().split(" ");
            if (fields.length < 3) throw new EngineException("unreadable CLUSTER NODES line from " + askedNode);
            Set<String> flags = Set.of(fields[2].split(","));
            if (flags.contains("handshake") || flags.contains("noaddr")) continue;
            Endpoint node = address(fields[1], askedNode, flags.contains("myself"));
            if (!nodes.contains(node)) nodes.add(node);
        }
        if (nodes.isEmpty()) throw new EngineException("CLUSTER NODES of " + askedNode + " lists no node");
        return List.copyOf(nodes);
    }

    private static Endpoint address(String field, Endpoint askedNode, boolean myself) throws EngineException {
        String address = field.split("[@,]")[0];
        int colon = address.lastIndexOf(':');
        try {
            String host = address.substring(0, colon);
            int port = Integer.parseInt(address.substring(colon + 1));
            // a node that never met another one does not know its own address yet
            return new Endpoint(host.isEmpty() && myself ? askedNode.host() : host, port);
        } catch (RuntimeException e) {
            throw new EngineException("unreadable node address '" + field + "' in CLUSTER NODES of " + askedNode);
        }
    }
}
