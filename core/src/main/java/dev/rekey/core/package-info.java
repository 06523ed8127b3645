/**
 * The meaning of Rekey: tenants, instances, password policies, tasks and the use cases that change credentials.
 * It never sees HTTP or SQL; dialects call in, stores and engines are reached through the ports declared here.
 */
package dev.rekey.core;
