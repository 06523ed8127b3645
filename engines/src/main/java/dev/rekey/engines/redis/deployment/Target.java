package dev.rekey.engines.redis.deployment;

import dev.rekey.core.EngineState;
import dev.rekey.core.Secret;

/** What one node must hold after a change: the account's access, and its masterauth (null: left as it is). */
record Target(EngineState access, Secret masterAuth) {
}
