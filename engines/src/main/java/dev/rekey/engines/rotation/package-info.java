/**
 * What every replicated engine offers beyond {@link dev.rekey.core.PasswordEngine}: a password rotation with an
 * overlap window (add the new password, later remove the others), a per-node proof by fresh logins, and the
 * old-password telemetry an engine can give.
 */
package dev.rekey.engines.rotation;
