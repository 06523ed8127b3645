/**
 * Redis engine: rotates an ACL user's password through a least-rights admin user (ACL SETUSER with SHA-256 hashes)
 * and spawns, resumes or adopts redis-server processes that Rekey owns.
 */
package dev.rekey.engines.redis;
