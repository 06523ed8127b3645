package dev.rekey.engines.redis.deployment;

import dev.rekey.core.EngineException;
import dev.rekey.core.Secret;
import java.util.Map;
import java.util.Optional;

/**
 * A change for every member: a target per data node, and the auth-pass every Sentinel must log in with (null: left
 * as it is). {@link #check} refuses, before anything is touched, a plan that would leave a replica or a Sentinel
 * unable to log in, or that could not be rolled back.
 */
record Plan(Map<Endpoint, Target> targets, Secret sentinelAuth) {

    Plan {
        targets = Map.copyOf(targets);
    }

    Target target(Endpoint node) {
        return targets.get(node);
    }

    void check(Members members, DeploymentState before) throws EngineException {
        for (NodeState node : before.nodes()) {
            Target target = target(node.node());
            for (Target other : targets.values()) {
                if (!node.replicationAccepted(other.access(), target.masterAuth())) {
                    throw new EngineException("replica " + node.node() + " would lose its link: its masterauth would"
                            + " not be accepted by every node, and the change does not give it a new one");
                }
            }
        }
        if (members.sentinels().isEmpty()) return;
        Optional<Secret> current = before.replicationSecret();
        if (current.isEmpty()) {
            throw new EngineException("Sentinels are configured, but no data node has a masterauth for the account "
                    + "that it accepts: Rekey cannot know the Sentinels' auth-pass to keep or roll back");
        }
        Secret finalSentinelAuth = sentinelAuth != null ? sentinelAuth : current.get();
        for (Target target : targets.values()) {
            if (!target.access().passwordFree() && !target.access().accepts(finalSentinelAuth)) {
                throw new EngineException("the Sentinels would lose their login: their auth-pass would not be "
                        + "accepted by every node");
            }
        }
    }
}
