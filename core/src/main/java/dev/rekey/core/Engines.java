package dev.rekey.core;

import java.util.Optional;

/**
 * Port: the engine behind an instance as this node reaches it. Empty when this node cannot: the engine belongs to
 * another node (a Memcached auth file, a guest's agent), which then applies the instance's operations.
 */
public interface Engines {
    Optional<PasswordEngine> local(Instance instance);
}
