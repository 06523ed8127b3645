package dev.rekey.core;

/** Port: the engine behind an instance (spawned by this node or reached at its recorded address). */
public interface Engines {
    PasswordEngine engineFor(Instance instance) throws EngineException;
}
