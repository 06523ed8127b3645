package dev.rekey.api;

/**
 * What the access line of one request says beyond its HTTP status and latency (which the HTTP server measures):
 * filled by the pipeline as its stages learn them, null where a fact is not known (a request refused before its action
 * was read) or does not apply (no instance named, no error). Values the client chose are clipped and stripped of control
 * characters, so that a request can neither forge a log line nor flood one.
 */
public record Access(String cloud, String requestId, String action, String tenant, String instance, String errorCode) {
    /** A request no cloud claimed. */
    public static final Access UNCLASSIFIED = new Access(null, null, null, null, null, null);
    private static final int MAX_CLIENT_VALUE = 200;

    public Access {
        action = clip(action);
        instance = clip(instance);
    }

    public static Access of(String cloud, String requestId) {
        return new Access(cloud, requestId, null, null, null, null);
    }

    public Access withAction(String value) {
        return new Access(cloud, requestId, value, tenant, instance, errorCode);
    }

    public Access withTenant(String value) {
        return new Access(cloud, requestId, action, value, instance, errorCode);
    }

    public Access withInstance(String value) {
        return new Access(cloud, requestId, action, tenant, value, errorCode);
    }

    /** The answer is an error with this cloud code. */
    public Access failed(String code) {
        return new Access(cloud, requestId, action, tenant, instance, code);
    }

    private static String clip(String value) {
        if (value == null || value.isEmpty()) return null;
        var out = new StringBuilder(Math.min(value.length(), MAX_CLIENT_VALUE));
        for (int i = 0; i < value.length() && out.length() < MAX_CLIENT_VALUE; i++) {
            char c = value.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        return out.toString();
    }
}
