/**
 * The gateway and the cloud dialects: recognise a request's cloud, verify its signature, read its parameters into a
 * core call, and render the outcome exactly as that cloud does. Knows nothing of engines or SQL.
 */
package dev.rekey.api;
