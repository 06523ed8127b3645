/**
 * Engines: adapters that apply a credential change to a real system (Redis, Memcached, a Linux guest)
 * and prove with fresh logins that it took effect.
 */
package dev.rekey.engines;
