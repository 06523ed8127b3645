/**
 * The gateway, the one request pipeline and its route model, and the cloud dialects: recognise a request's cloud,
 * verify its signature, resolve its route, check its parameters into a typed call for a core use case, and render the
 * outcome exactly as that cloud does. Knows nothing of engines or SQL.
 */
package dev.rekey.api;
