/**
 * Memcached engine: spawns memcached with ASCII authentication ({@code -Y} auth file) and rotates its password by
 * replacing the auth file atomically and reloading it with SIGHUP, then proving the change with real logins.
 */
package dev.rekey.engines.memcached;
