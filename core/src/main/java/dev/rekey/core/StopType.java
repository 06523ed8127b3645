package dev.rekey.core;

/** How StopInstances ends a spawned guest: SIGTERM only, SIGKILL at once, or SIGTERM then SIGKILL after the wait. */
public enum StopType { SOFT, HARD, SOFT_FIRST }
