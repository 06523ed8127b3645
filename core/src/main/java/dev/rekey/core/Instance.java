package dev.rekey.core;

import java.util.Map;

/**
 * A managed instance as the store knows it. {@code host}/{@code port} are the engine's real address;
 * {@code attributes} hold product-specific values (display name changes, password-free flag, user name, ...).
 */
public record Instance(String id, String tenant, Product product, String region, String name, EngineKind engineKind,
                       String host, int port, InstanceState state, Long activeTaskId, Map<String, String> attributes) {

    public Instance {
        attributes = Map.copyOf(attributes);
    }

    /** Another tenant's instance, or one in another region, must look exactly like one that does not exist. */
    public boolean visibleTo(String tenant, Product product, String region) {
        return this.tenant.equals(tenant) && this.product == product && state != InstanceState.RETIRED
                && (region == null || region.isEmpty() || region.equals(this.region));
    }

    public String attribute(String key, String fallback) {
        return attributes.getOrDefault(key, fallback);
    }

    public boolean flag(String key) {
        return Boolean.parseBoolean(attributes.get(key));
    }
}
