/**
 * The composition root: the CLI, the configuration file, and the one place where the store, the engines, the core and
 * the dialects are wired together by hand.
 */
package dev.rekey.server;
