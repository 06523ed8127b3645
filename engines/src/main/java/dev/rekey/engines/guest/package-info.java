/**
 * Linux guests reached through the QEMU guest agent protocol: the agent client, SHA-512 crypt hashing, and sandboxed
 * qemu-ga processes ("spawned guests") whose /etc is a private copy, changed online by the agent or offline by Rekey.
 */
package dev.rekey.engines.guest;
