package dev.rekey.core;

/** Lifecycle of an instance as Rekey models it; products render it in their own vocabulary. */
public enum InstanceState { RUNNING, CHANGING, RETIRED }
