package dev.rekey.core;

/** What kind of real system holds an instance's credential. */
public enum EngineKind { REDIS, MEMCACHED, GUEST }
