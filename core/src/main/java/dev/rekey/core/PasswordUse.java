package dev.rekey.core;

import java.time.Instant;
import java.util.List;

/** {@link OldPasswordTelemetry}'s answer at {@code at}, one entry per node. */
public record PasswordUse(Instant at, List<NodeUse> nodes) {

    public PasswordUse {
        nodes = List.copyOf(nodes);
    }

    /** Connections that can only have logged in with a password from before the change, on all nodes. */
    public int connectionsFromBeforeTheChange() {
        return nodes.stream().mapToInt(NodeUse::openedBeforeChange).sum();
    }

    /** Logins refused for the account since the old password was removed, on all nodes. */
    public long refusedLogins() {
        return nodes.stream().mapToLong(NodeUse::refusedLogins).sum();
    }

    /**
     * One node: the account's client connections (replication links excluded) opened before and since the change,
     * the refused logins of the account since the removal, and the client hosts they came from.
     */
    public record NodeUse(String address, int openedBeforeChange, int openedSinceChange, long refusedLogins,
                          List<String> refusedFrom) {
        public NodeUse {
            refusedFrom = List.copyOf(refusedFrom);
        }
    }
}
