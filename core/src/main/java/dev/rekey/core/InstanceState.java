package dev.rekey.core;

/** Lifecycle of an instance as Rekey models it; whether a change is running is {@link Instance#busy()}. */
public enum InstanceState { RUNNING, RETIRED }
