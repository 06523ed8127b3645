package dev.rekey.core;

import java.time.Instant;
import java.util.List;

/**
 * Which passwords every node of a deployment accepted on fresh connections at {@code at}: the value to keep with an
 * operation and show to an operator. It holds addresses and outcomes, never a password.
 */
public record RotationProof(Instant at, List<NodeProof> nodes) {

    public RotationProof {
        nodes = List.copyOf(nodes);
    }

    /** Every node accepted the new password. */
    public boolean nextAcceptedEverywhere() {
        return !nodes.isEmpty() && nodes.stream().allMatch(node -> node.next() == Login.ACCEPTED);
    }

    /** Every node accepted the old password too: the overlap window is open everywhere. */
    public boolean oldAcceptedEverywhere() {
        return !nodes.isEmpty() && nodes.stream().allMatch(node -> node.old() == Login.ACCEPTED);
    }

    /** Every node refused the old password: the window is closed everywhere. */
    public boolean oldRefusedEverywhere() {
        return !nodes.isEmpty() && nodes.stream().allMatch(node -> node.old() == Login.REFUSED);
    }

    /** One line per node, e.g. {@code 127.0.0.1:7001 PRIMARY next=ACCEPTED old=REFUSED}. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        for (NodeProof node : nodes) {
            text.append(node.address()).append(' ').append(node.role()).append(" next=").append(node.next())
                    .append(" old=").append(node.old()).append('\n');
        }
        return text.toString();
    }
}
